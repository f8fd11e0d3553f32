// CGLPKShims: the parts of driving GLPK that Swift cannot do itself.
//
// GLPK reports misuse by calling abort() unless an error hook jumps out with longjmp. Swift must never be
// on the stack between setjmp and longjmp, so every GLPK call Rota makes goes through one of these C
// functions, each of which installs the hook, makes its calls and removes the hook again. A function that
// returns ROTA_GLPK_FATAL has lost the thread's whole GLPK environment: every problem object created on
// this thread before the error is gone (see rota_glpk_env_generation).
#ifndef ROTA_CGLPK_SHIMS_H
#define ROTA_CGLPK_SHIMS_H

#include <glpk.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Returned by every guarded call when GLPK raised a fatal error; the message is in rota_glpk_last_error().
#define ROTA_GLPK_FATAL (-1)

/// Bumped each time a fatal error freed this thread's GLPK environment. A problem handle made under an
/// older generation must not be deleted: its memory is already gone.
int rota_glpk_env_generation(void);

/// The message of the last fatal error on this thread (empty when none).
const char *rota_glpk_last_error(void);

/// Terminal output GLPK produced on this thread since the last call; caller frees with rota_glpk_free.
/// GLPK's own output never reaches stdout: the term hook keeps it here.
char *rota_glpk_take_output(void);
void rota_glpk_free(void *pointer);

/// Translate a MathProg model and data file and build a problem. Returns 0, 1 when the translator
/// rejected the model or data (its messages, with file:line, are in the captured output), or FATAL.
int rota_glpk_mpl_build(const char *model_path, const char *data_path, glp_prob **out_problem);

int rota_glpk_delete_prob(glp_prob *problem);
int rota_glpk_dimensions(glp_prob *problem, int *rows, int *cols);

/// All column names, each followed by '\n', in column order; caller frees with rota_glpk_free.
int rota_glpk_column_names(glp_prob *problem, char **out_names);
/// Objective coefficients: out[0] is the constant term, out[j] column j's coefficient (n + 1 entries).
int rota_glpk_objective_coefficients(glp_prob *problem, double *out);

/// Sets bounds of `count` columns (1-based indices). Equal bounds must be passed as GLP_FX.
int rota_glpk_set_column_bounds(glp_prob *problem, int count, const int *indices, const int *types,
                                const double *lower, const double *upper);

/// Non-zero entries of the constraint matrix.
int rota_glpk_nonzeros(glp_prob *problem, int *count);

/// The whole problem as arrays, for decompositions: row types and bounds (m entries), column types, bounds
/// and kinds (n entries), objective (n + 1 entries, [0] the constant), and the matrix as `nonzeros` triples
/// (1-based row and column, as GLPK numbers them). Sizes come from rota_glpk_dimensions and
/// rota_glpk_nonzeros.
int rota_glpk_export(glp_prob *problem, int *row_type, double *row_lower, double *row_upper, int *col_type,
                     double *col_lower, double *col_upper, int *col_kind, double *objective, int *entry_row,
                     int *entry_col, double *entry_value);

/// Builds a problem from arrays laid out as rota_glpk_export gives them (1-based indices in the triples,
/// no duplicate (row, column) pair: GLPK treats one as fatal).
int rota_glpk_build(int rows, const int *row_type, const double *row_lower, const double *row_upper, int cols,
                    const int *col_type, const double *col_lower, const double *col_upper, const int *col_kind,
                    const double *objective, int nonzeros, const int *entry_row, const int *entry_col,
                    const double *entry_value, glp_prob **out_problem);

/// Replaces the objective: objective[0] the constant, objective[j] column j's coefficient (n + 1 entries).
int rota_glpk_set_objective(glp_prob *problem, const double *objective);

/// Appends `count` columns; column k's entries are entry_row/entry_value[start[k] ..< start[k + 1]]
/// (1-based rows). The new columns are non-basic, so the basis of the last simplex stays valid.
int rota_glpk_add_columns(glp_prob *problem, int count, const int *col_type, const double *col_lower,
                          const double *col_upper, const int *col_kind, const double *objective, const int *start,
                          const int *entry_row, const double *entry_value);

/// Sets the kind (GLP_CV / GLP_IV) of `count` columns (1-based indices).
int rota_glpk_set_column_kinds(glp_prob *problem, int count, const int *indices, const int *kinds);

/// Primal simplex from the current basis (a valid one is kept between calls, so re-solving after adding
/// columns is cheap). Without scaling: the caller's coefficients are small integers. Fills status
/// (glp_get_status), objective, column_values[1..n], row_duals[1..m] and the iterations it took.
int rota_glpk_simplex_duals(glp_prob *problem, double time_limit_ms, int *return_code, int *status,
                            double *objective, double *column_values, double *row_duals, long *iterations);

/// One solve's stop request and live figures, shared by the threads that solve and whoever watches or stops
/// them. Every field is atomic; create with rota_glpk_control_create, free with rota_glpk_control_destroy
/// once no solve uses it. A control made with a parent stops when the parent does (a solver stops its own
/// helper through a child, without stopping its caller's other solves).
typedef struct rota_glpk_control rota_glpk_control;

rota_glpk_control *rota_glpk_control_create(rota_glpk_control *parent);
void rota_glpk_control_destroy(rota_glpk_control *control);
/// Asks every solve using this control (or a child of it) to stop at its next callback and keep its
/// incumbent. Async-signal-safe.
void rota_glpk_control_stop(rota_glpk_control *control);
/// Whether this control or one of its ancestors was asked to stop.
int rota_glpk_control_stopped(const rota_glpk_control *control);

/// Live figures of the solve in progress, for a progress line drawn by another thread.
typedef struct {
    double elapsed_ms;
    double incumbent;          ///< NaN when none yet
    double bound;              ///< NaN when none yet
    long nodes;
} rota_glpk_progress_snapshot;

/// The figures the most recent MIP solve using `control` wrote.
void rota_glpk_control_progress(const rota_glpk_control *control, rota_glpk_progress_snapshot *out);

/// Parameters of one MIP solve; start from rota_glpk_mip_params_init.
typedef struct {
    double time_limit_ms;      ///< wall-clock budget for the whole call, simplex included; < 0: none
    int presolve;              ///< GLP_ON / GLP_OFF
    int gmi_cuts, mir_cuts, cov_cuts, clq_cuts;
    int fp_heur, ps_heur, sr_heur;
    int br_tech, bt_tech, pp_tech;
    double mip_gap;
    int msg_lev;
    /// Optional incumbent to inject at the first heuristic call: warm_start[1..n], integral on integer
    /// columns. Only honoured with presolve off (the tree then has the original columns).
    const double *warm_start;
    int warm_start_length;     ///< n + 1 when warm_start is given
    /// Deterministic budget: the solve stops at the first callback after its work beyond the set-up (see
    /// rota_glpk_mip_outcome.work) reaches this; < 0: none. Unlike the wall clock, the same problem and
    /// options always stop at the same point.
    double work_limit;
    /// Weights of the work measure: per simplex iteration for each row of the problem searched, per node
    /// for each row raised to work_node_exponent, and once per row and column of the original problem.
    /// rota_glpk_mip_params_init sets those fitted for neighbourhood sub-MIPs (BENCHMARKS.md).
    double work_per_iteration_row, work_per_node_row, work_node_exponent, work_per_setup_entry;
    /// The solve's control: its stop request is honoured and its progress written. NULL: none.
    rota_glpk_control *control;
} rota_glpk_mip_params;

void rota_glpk_mip_params_init(rota_glpk_mip_params *params);

/// What one MIP solve did. Times are milliseconds since the call started.
typedef struct {
    int return_code;           ///< glp_intopt's (or glp_simplex's when the LP failed) return code
    int mip_status;            ///< glp_mip_status afterwards
    int lp_status;             ///< glp_get_status of the root LP when presolve was off, else 0
    double objective;          ///< valid when mip_status is GLP_OPT or GLP_FEAS
    double best_bound;         ///< valid when has_bound
    int has_bound;
    double elapsed_ms;
    double incumbent_ms;       ///< when the final incumbent was found; < 0 when none
    int warm_start_result;     ///< -1 not tried, 0 accepted, other: rejected by GLPK
    int stopped_by_deadline;   ///< the callback stopped the search at the wall-clock deadline
    int stopped_by_interrupt;  ///< the callback stopped the search because its control was asked to stop
    int stopped_by_work_limit; ///< the callback stopped the search at params.work_limit
    long iterations;           ///< simplex iterations on the tree's problem (root LP included)
    long nodes;                ///< subproblems created in the search tree
    int tree_rows, tree_cols;  ///< size of the problem branch-and-cut worked on (after presolve)
    /// Work done, a deterministic measure of effort: simplex iterations and nodes weighted by the size
    /// of the problem they ran on, plus a charge for setting up (weights in the params).
    double work;
    double setup_work;         ///< the part of work charged for setting up, before any iteration
} rota_glpk_mip_outcome;

/// Solves the MIP. column_values (n + 1 entries) receives the final point when there is one.
int rota_glpk_intopt(glp_prob *problem, const rota_glpk_mip_params *params, rota_glpk_mip_outcome *outcome,
                     double *column_values);


/// A proven lower bound on the LP relaxation (hence on the MIP): the Lagrangian bound at the row duals of
/// an interior-point solve. -INFINITY when the duals give none.
int rota_glpk_interior_bound(glp_prob *problem, double *bound);

/// A proven lower bound on the MIP from the LP relaxation solved by the primal simplex method (scaled),
/// stopped after `iteration_limit` iterations when it is positive: the Lagrangian bound at the row duals where
/// it stopped (the LP's value when optimal; any duals give a valid bound). It starts from a basis whose basic
/// solution is `start` (1-based by column) when that point is given and such a basis is valid and feasible
/// (*started_from_point tells), else from an advanced basis. Fills *optimal, *bound (-INFINITY when the duals
/// give none), *iterations, row_duals[1..m] and column_values[1..n] unless they are NULL.
int rota_glpk_simplex_bound(glp_prob *problem, long iteration_limit, double time_limit_ms, const double *start,
                            int *optimal, int *started_from_point, double *bound, long *iterations, double *row_duals,
                            double *column_values);

/// rota_glpk_simplex_bound by the dual simplex method from the standard basis (every column at its lower
/// bound, dual feasible when every cost is non-negative): its duals stay feasible, so the bound at them holds
/// and grows with every iteration, and a stop on iterations still proves what it reached.
int rota_glpk_dual_simplex_bound(glp_prob *problem, long iteration_limit, int *optimal, int *infeasible, double *bound,
                                 long *iterations);

/// An anonymous in-memory file (memfd_create, close-on-exec) that the translator can open by the path
/// /proc/self/fd/N: data handed to GLPK this way never touches the disk, so a killed process leaves no file
/// behind. -1 where the system has none.
int rota_memory_file(void);

#ifdef __cplusplus
}
#endif
#endif
