// See CGLPKShims.h for why this file exists. Every exported function follows one pattern:
//   GUARD_BEGIN  — setjmp, then install the error and terminal hooks (they die with each glp_free_env);
//   GLPK calls   — no Swift code runs in between, so a longjmp never crosses a Swift frame;
//   GUARD_END    — remove the error hook so a stray unguarded call aborts loudly instead of jumping
//                  into a dead stack frame.
#define _GNU_SOURCE
#include "CGLPKShims.h"

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

static _Thread_local int tls_generation = 0;
static _Thread_local char tls_error[2048];
static _Thread_local char *tls_output = NULL;
static _Thread_local size_t tls_output_length = 0;
static _Thread_local size_t tls_output_capacity = 0;

// A run-away translator can print a great deal; keep the first megabyte, which holds the first error.
static const size_t output_limit = 1 << 20;

static int clamp_ms(double ms);

struct rota_glpk_control {
    atomic_int stop;
    rota_glpk_control *parent;
    _Atomic double elapsed_ms;
    _Atomic double incumbent;
    _Atomic double bound;
    _Atomic long nodes;
};

rota_glpk_control *rota_glpk_control_create(rota_glpk_control *parent) {
    rota_glpk_control *control = calloc(1, sizeof *control);
    if (!control) return NULL;
    atomic_init(&control->stop, 0);
    control->parent = parent;
    atomic_init(&control->elapsed_ms, 0);
    atomic_init(&control->incumbent, NAN);
    atomic_init(&control->bound, NAN);
    atomic_init(&control->nodes, 0);
    return control;
}

void rota_glpk_control_destroy(rota_glpk_control *control) { free(control); }

void rota_glpk_control_stop(rota_glpk_control *control) {
    if (control) atomic_store(&control->stop, 1);
}

int rota_glpk_control_stopped(const rota_glpk_control *control) {
    for (const rota_glpk_control *c = control; c != NULL; c = c->parent) {
        if (atomic_load(&((rota_glpk_control *)c)->stop)) return 1;
    }
    return 0;
}

void rota_glpk_control_progress(const rota_glpk_control *control, rota_glpk_progress_snapshot *out) {
    rota_glpk_control *c = (rota_glpk_control *)control;
    out->elapsed_ms = atomic_load(&c->elapsed_ms);
    out->incumbent = atomic_load(&c->incumbent);
    out->bound = atomic_load(&c->bound);
    out->nodes = atomic_load(&c->nodes);
}

static void append_output(const char *text) {
    size_t length = strlen(text);
    if (tls_output_length + length > output_limit) return;
    if (tls_output_length + length + 1 > tls_output_capacity) {
        size_t capacity = tls_output_capacity ? tls_output_capacity * 2 : 4096;
        while (capacity < tls_output_length + length + 1) capacity *= 2;
        char *grown = realloc(tls_output, capacity);
        if (!grown) return;
        tls_output = grown;
        tls_output_capacity = capacity;
    }
    memcpy(tls_output + tls_output_length, text, length);
    tls_output_length += length;
    tls_output[tls_output_length] = '\0';
}

static int term_hook(void *info, const char *text) {
    (void)info;
    append_output(text);
    if (glp_at_error()) {
        size_t used = strlen(tls_error);
        if (used + 1 < sizeof tls_error) strncat(tls_error, text, sizeof tls_error - used - 1);
    }
    return 1;  // non-zero: GLPK must not print it too
}

static void error_hook(void *info) {
    jmp_buf *jump = info;
    // The docs require freeing the environment before jumping out: GLPK's state is inconsistent now.
    glp_free_env();
    tls_generation += 1;
    longjmp(*jump, 1);
}

#define GUARD_BEGIN                                   \
    jmp_buf guard_jump;                               \
    if (setjmp(guard_jump)) {                         \
        return ROTA_GLPK_FATAL;                       \
    }                                                 \
    tls_error[0] = '\0';                              \
    glp_error_hook(error_hook, &guard_jump);          \
    glp_term_hook(term_hook, NULL);

#define GUARD_END glp_error_hook(NULL, NULL);

int rota_glpk_env_generation(void) { return tls_generation; }

const char *rota_glpk_last_error(void) { return tls_error; }

char *rota_glpk_take_output(void) {
    char *result = tls_output ? tls_output : strdup("");
    tls_output = NULL;
    tls_output_length = 0;
    tls_output_capacity = 0;
    return result;
}

void rota_glpk_free(void *pointer) { free(pointer); }

int rota_glpk_mpl_build(const char *model_path, const char *data_path, glp_prob **out_problem) {
    // Locals that change after setjmp and are read after a longjmp must be volatile.
    glp_tran *volatile tran = NULL;
    glp_prob *volatile problem = NULL;
    *out_problem = NULL;
    GUARD_BEGIN
    tran = glp_mpl_alloc_wksp();
    problem = glp_create_prob();
    int failed = glp_mpl_read_model(tran, model_path, data_path != NULL);
    if (!failed && data_path != NULL) failed = glp_mpl_read_data(tran, data_path);
    if (!failed) failed = glp_mpl_generate(tran, NULL);
    if (!failed) glp_mpl_build_prob(tran, problem);
    // The translator must always be freed, even after an error (glpk03 "MathProg Introduction").
    glp_mpl_free_wksp(tran);
    if (failed) {
        glp_delete_prob(problem);
        GUARD_END
        return 1;
    }
    *out_problem = problem;
    GUARD_END
    return 0;
}

int rota_glpk_delete_prob(glp_prob *problem) {
    GUARD_BEGIN
    glp_delete_prob(problem);
    GUARD_END
    return 0;
}

int rota_glpk_dimensions(glp_prob *problem, int *rows, int *cols) {
    GUARD_BEGIN
    *rows = glp_get_num_rows(problem);
    *cols = glp_get_num_cols(problem);
    GUARD_END
    return 0;
}

int rota_glpk_column_names(glp_prob *problem, char **out_names) {
    char *volatile buffer = NULL;
    *out_names = NULL;
    GUARD_BEGIN
    int n = glp_get_num_cols(problem);
    size_t total = 1;
    for (int j = 1; j <= n; j++) {
        const char *name = glp_get_col_name(problem, j);
        total += (name ? strlen(name) : 0) + 1;
    }
    buffer = malloc(total);
    if (!buffer) {
        GUARD_END
        return 1;
    }
    size_t at = 0;
    for (int j = 1; j <= n; j++) {
        const char *name = glp_get_col_name(problem, j);
        size_t length = name ? strlen(name) : 0;
        if (length) memcpy(buffer + at, name, length);
        at += length;
        buffer[at++] = '\n';
    }
    buffer[at] = '\0';
    *out_names = buffer;
    GUARD_END
    return 0;
}

int rota_glpk_objective_coefficients(glp_prob *problem, double *out) {
    GUARD_BEGIN
    int n = glp_get_num_cols(problem);
    for (int j = 0; j <= n; j++) out[j] = glp_get_obj_coef(problem, j);
    GUARD_END
    return 0;
}

int rota_glpk_set_column_bounds(glp_prob *problem, int count, const int *indices, const int *types,
                                const double *lower, const double *upper) {
    GUARD_BEGIN
    for (int k = 0; k < count; k++) glp_set_col_bnds(problem, indices[k], types[k], lower[k], upper[k]);
    GUARD_END
    return 0;
}

int rota_glpk_nonzeros(glp_prob *problem, int *count) {
    GUARD_BEGIN
    *count = glp_get_num_nz(problem);
    GUARD_END
    return 0;
}

int rota_glpk_export(glp_prob *problem, int *row_type, double *row_lower, double *row_upper, int *col_type,
                     double *col_lower, double *col_upper, int *col_kind, double *objective, int *entry_row,
                     int *entry_col, double *entry_value) {
    GUARD_BEGIN
    int m = glp_get_num_rows(problem), n = glp_get_num_cols(problem);
    for (int i = 1; i <= m; i++) {
        row_type[i - 1] = glp_get_row_type(problem, i);
        row_lower[i - 1] = glp_get_row_lb(problem, i);
        row_upper[i - 1] = glp_get_row_ub(problem, i);
    }
    objective[0] = glp_get_obj_coef(problem, 0);
    for (int j = 1; j <= n; j++) {
        col_type[j - 1] = glp_get_col_type(problem, j);
        col_lower[j - 1] = glp_get_col_lb(problem, j);
        col_upper[j - 1] = glp_get_col_ub(problem, j);
        col_kind[j - 1] = glp_get_col_kind(problem, j);
        objective[j] = glp_get_obj_coef(problem, j);
    }
    // glp_get_mat_row writes from index 1 on: pass the arrays one entry early.
    int at = 0;
    for (int i = 1; i <= m; i++) {
        int length = glp_get_mat_row(problem, i, entry_col + at - 1, entry_value + at - 1);
        for (int k = 0; k < length; k++) entry_row[at + k] = i;
        at += length;
    }
    GUARD_END
    return 0;
}

int rota_glpk_build(int rows, const int *row_type, const double *row_lower, const double *row_upper, int cols,
                    const int *col_type, const double *col_lower, const double *col_upper, const int *col_kind,
                    const double *objective, int nonzeros, const int *entry_row, const int *entry_col,
                    const double *entry_value, glp_prob **out_problem) {
    glp_prob *volatile problem = NULL;
    *out_problem = NULL;
    GUARD_BEGIN
    problem = glp_create_prob();
    if (rows > 0) glp_add_rows(problem, rows);
    if (cols > 0) glp_add_cols(problem, cols);
    for (int i = 1; i <= rows; i++) glp_set_row_bnds(problem, i, row_type[i - 1], row_lower[i - 1], row_upper[i - 1]);
    glp_set_obj_coef(problem, 0, objective[0]);
    for (int j = 1; j <= cols; j++) {
        glp_set_col_bnds(problem, j, col_type[j - 1], col_lower[j - 1], col_upper[j - 1]);
        glp_set_col_kind(problem, j, col_kind[j - 1]);
        glp_set_obj_coef(problem, j, objective[j]);
    }
    // glp_load_matrix reads from index 1 on.
    if (nonzeros > 0) glp_load_matrix(problem, nonzeros, entry_row - 1, entry_col - 1, entry_value - 1);
    *out_problem = problem;
    GUARD_END
    return 0;
}

int rota_glpk_set_objective(glp_prob *problem, const double *objective) {
    GUARD_BEGIN
    int n = glp_get_num_cols(problem);
    for (int j = 0; j <= n; j++) glp_set_obj_coef(problem, j, objective[j]);
    GUARD_END
    return 0;
}

int rota_glpk_add_columns(glp_prob *problem, int count, const int *col_type, const double *col_lower,
                          const double *col_upper, const int *col_kind, const double *objective, const int *start,
                          const int *entry_row, const double *entry_value) {
    GUARD_BEGIN
    if (count > 0) {
        int first = glp_add_cols(problem, count);
        for (int k = 0; k < count; k++) {
            int j = first + k;
            glp_set_col_bnds(problem, j, col_type[k], col_lower[k], col_upper[k]);
            glp_set_col_kind(problem, j, col_kind[k]);
            glp_set_obj_coef(problem, j, objective[k]);
            int length = start[k + 1] - start[k];
            // glp_set_mat_col reads from index 1 on.
            if (length > 0) glp_set_mat_col(problem, j, length, entry_row + start[k] - 1, entry_value + start[k] - 1);
        }
    }
    GUARD_END
    return 0;
}

int rota_glpk_set_column_kinds(glp_prob *problem, int count, const int *indices, const int *kinds) {
    GUARD_BEGIN
    for (int k = 0; k < count; k++) glp_set_col_kind(problem, indices[k], kinds[k]);
    GUARD_END
    return 0;
}

int rota_glpk_simplex_duals(glp_prob *problem, double time_limit_ms, int *return_code, int *status,
                            double *objective, double *column_values, double *row_duals, long *iterations) {
    GUARD_BEGIN
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_ERR;
    if (time_limit_ms >= 0) simplex.tm_lim = clamp_ms(time_limit_ms);
    int before = glp_get_it_cnt(problem);
    // The basis of the last solve is the warm start; a new problem starts from the standard one.
    *return_code = glp_simplex(problem, &simplex);
    if (*return_code == GLP_EBADB || *return_code == GLP_ESING || *return_code == GLP_ECOND) {
        glp_adv_basis(problem, 0);
        *return_code = glp_simplex(problem, &simplex);
    }
    *status = glp_get_status(problem);
    *objective = glp_get_obj_val(problem);
    *iterations = glp_get_it_cnt(problem) - before;
    int m = glp_get_num_rows(problem), n = glp_get_num_cols(problem);
    for (int j = 1; j <= n; j++) column_values[j] = glp_get_col_prim(problem, j);
    for (int i = 1; i <= m; i++) row_duals[i] = glp_get_row_dual(problem, i);
    GUARD_END
    return 0;
}

void rota_glpk_mip_params_init(rota_glpk_mip_params *params) {
    glp_iocp defaults;
    glp_init_iocp(&defaults);
    memset(params, 0, sizeof *params);
    params->time_limit_ms = -1;
    params->presolve = defaults.presolve;
    params->gmi_cuts = defaults.gmi_cuts;
    params->mir_cuts = defaults.mir_cuts;
    params->cov_cuts = defaults.cov_cuts;
    params->clq_cuts = defaults.clq_cuts;
    params->fp_heur = defaults.fp_heur;
    params->ps_heur = defaults.ps_heur;
    params->sr_heur = defaults.sr_heur;
    params->br_tech = defaults.br_tech;
    params->bt_tech = defaults.bt_tech;
    params->pp_tech = defaults.pp_tech;
    params->mip_gap = defaults.mip_gap;
    params->msg_lev = GLP_MSG_ERR;
    params->warm_start = NULL;
    params->warm_start_length = 0;
    params->work_limit = -1;
    params->work_per_iteration_row = 1.6e-4;
    params->work_per_node_row = 1.5e-5;
    params->work_node_exponent = 1.5;
    params->work_per_setup_entry = 5e-4;
}

// tm_lim is an int of milliseconds, and a negative value is itself a fatal error.
static int clamp_ms(double ms) {
    if (ms < 0) return 0;
    if (ms > 2147483647.0) return 2147483647;
    return (int)ms;
}

typedef struct {
    const rota_glpk_mip_params *params;
    rota_glpk_mip_outcome *outcome;
    double started;
    int injected;
    long nodes;
    glp_prob *original;
    int original_iterations;  ///< it_cnt of the original problem before the solve
    double setup_work;        ///< charged once: scaling and presolve scan the whole original problem
    double incumbent;         ///< the tree's incumbent value last seen; NaN before one
} callback_state;

// Work: a simplex iteration costs about in proportion to the rows of the problem searched, a node (its LP
// set-up and cut rounds) with a power of them, and every solve pays once for scaling and presolving.
static double iteration_work(const rota_glpk_mip_params *params, long iterations, int rows) {
    return (double)iterations * rows * params->work_per_iteration_row;
}

static double node_work(const rota_glpk_mip_params *params, long nodes, int rows) {
    return (double)nodes * pow(rows, params->work_node_exponent) * params->work_per_node_row;
}

static void record_work(callback_state *state, glp_tree *tree) {
    glp_prob *tree_problem = glp_ios_get_prob(tree);
    // The presolved problem carries on the original's iteration count, so both start from the same base.
    long iterations = glp_get_it_cnt(tree_problem) - state->original_iterations;
    if (iterations < 0) iterations = glp_get_it_cnt(tree_problem);
    int total_nodes = 0;
    glp_ios_tree_size(tree, NULL, NULL, &total_nodes);
    rota_glpk_mip_outcome *outcome = state->outcome;
    outcome->iterations = iterations;
    outcome->nodes = total_nodes;
    outcome->tree_rows = glp_get_num_rows(tree_problem);
    outcome->tree_cols = glp_get_num_cols(tree_problem);
    outcome->work = state->setup_work + iteration_work(state->params, iterations, outcome->tree_rows)
        + node_work(state->params, total_nodes, outcome->tree_rows);
}

static void record_incumbent(callback_state *state, glp_tree *tree, double now) {
    glp_prob *tree_problem = glp_ios_get_prob(tree);
    if (glp_mip_status(tree_problem) == GLP_FEAS || glp_mip_status(tree_problem) == GLP_OPT) {
        double value = glp_mip_obj_val(tree_problem);
        if (isnan(state->incumbent) || value != state->incumbent) {
            state->incumbent = value;
            state->outcome->incumbent_ms = now - state->started;
            if (state->params->control) atomic_store(&state->params->control->incumbent, value);
        }
    }
}

static void record_bound(callback_state *state, glp_tree *tree) {
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        double bound = glp_ios_node_bound(tree, best);
        // A node whose LP is not solved yet reports -DBL_MAX; the bound only ever rises.
        if (!isfinite(bound) || bound <= -1e300) return;
        if (state->outcome->has_bound && bound <= state->outcome->best_bound) return;
        state->outcome->best_bound = bound;
        state->outcome->has_bound = 1;
        if (state->params->control) atomic_store(&state->params->control->bound, bound);
    }
}

static void mip_callback(glp_tree *tree, void *info) {
    callback_state *state = info;
    double now = glp_time();
    double elapsed = now - state->started;
    rota_glpk_control *control = state->params->control;
    if (control) atomic_store(&control->elapsed_ms, elapsed);
    record_work(state, tree);
    switch (glp_ios_reason(tree)) {
    case GLP_IHEUR:
        if (!state->injected && state->params->warm_start != NULL) {
            state->injected = 1;
            int n = glp_get_num_cols(glp_ios_get_prob(tree));
            if (state->params->warm_start_length == n + 1) {
                state->outcome->warm_start_result = glp_ios_heur_sol(tree, state->params->warm_start);
                record_incumbent(state, tree, now);
            } else {
                state->outcome->warm_start_result = 1;  // the tree's columns are not the original ones
            }
        }
        break;
    case GLP_IBINGO:
        record_incumbent(state, tree, now);
        record_bound(state, tree);
        break;
    case GLP_ISELECT:
        state->nodes += 1;
        if (control) atomic_store(&control->nodes, state->nodes);
        record_bound(state, tree);
        break;
    default:
        break;
    }
    // Stop only once a warm start has been offered (at the first GLP_IHEUR), so that a stopped solve
    // still returns at least the point it was given.
    if (state->params->warm_start != NULL && !state->injected) return;
    if (rota_glpk_control_stopped(control)) {
        state->outcome->stopped_by_interrupt = 1;
        glp_ios_terminate(tree);
    } else if (state->params->work_limit >= 0
               && state->outcome->work - state->outcome->setup_work >= state->params->work_limit) {
        state->outcome->stopped_by_work_limit = 1;
        glp_ios_terminate(tree);
    } else if (state->params->time_limit_ms >= 0 && elapsed >= state->params->time_limit_ms) {
        state->outcome->stopped_by_deadline = 1;
        glp_ios_terminate(tree);
    }
}

int rota_glpk_intopt(glp_prob *problem, const rota_glpk_mip_params *params, rota_glpk_mip_outcome *outcome,
                     double *column_values) {
    memset(outcome, 0, sizeof *outcome);
    outcome->incumbent_ms = -1;
    outcome->warm_start_result = -1;
    callback_state state = {params, outcome, glp_time(), 0, 0, problem, 0, 0, NAN};
    if (params->control) {
        atomic_store(&params->control->elapsed_ms, 0);
        atomic_store(&params->control->incumbent, NAN);
        atomic_store(&params->control->bound, NAN);
        atomic_store(&params->control->nodes, 0);
    }
    GUARD_BEGIN
    glp_mem_limit(16384);
    int n = glp_get_num_cols(problem);
    state.original_iterations = glp_get_it_cnt(problem);
    state.setup_work = params->work_per_setup_entry * ((double)glp_get_num_rows(problem) + n);
    outcome->work = state.setup_work;
    outcome->setup_work = state.setup_work;
    // glpsol scales before solving, and MathProg-built problems need it: unscaled, the root LP of a
    // year-long roster took GLPK seconds instead of a fraction of one.
    glp_scale_prob(problem, GLP_SF_AUTO);
    if (params->presolve == GLP_OFF) {
        // Without presolve glp_intopt needs an optimal LP basis first (else it returns GLP_EROOT).
        glp_smcp simplex;
        glp_init_smcp(&simplex);
        simplex.msg_lev = params->msg_lev;
        simplex.presolve = GLP_OFF;
        if (params->time_limit_ms >= 0) simplex.tm_lim = clamp_ms(params->time_limit_ms);
        int code = glp_simplex(problem, &simplex);
        outcome->lp_status = glp_get_status(problem);
        if (code != 0 || outcome->lp_status != GLP_OPT) {
            outcome->return_code = code != 0 ? code : GLP_ENOPFS;
            outcome->mip_status = GLP_UNDEF;
            outcome->elapsed_ms = glp_time() - state.started;
            GUARD_END
            return 0;
        }
        outcome->best_bound = glp_get_obj_val(problem);
        outcome->has_bound = 1;
    }
    glp_iocp control;
    glp_init_iocp(&control);
    control.msg_lev = params->msg_lev;
    control.presolve = params->presolve;
    control.gmi_cuts = params->gmi_cuts;
    control.mir_cuts = params->mir_cuts;
    control.cov_cuts = params->cov_cuts;
    control.clq_cuts = params->clq_cuts;
    control.fp_heur = params->fp_heur;
    control.ps_heur = params->ps_heur;
    control.sr_heur = params->sr_heur;
    control.br_tech = params->br_tech;
    control.bt_tech = params->bt_tech;
    control.pp_tech = params->pp_tech;
    control.mip_gap = params->mip_gap;
    if (params->time_limit_ms >= 0) {
        double remaining = params->time_limit_ms - (glp_time() - state.started);
        control.tm_lim = clamp_ms(remaining);
        // Proximity search ignores tm_lim and runs for ps_tm_lim (GLPK.md #6).
        if (control.ps_heur == GLP_ON && control.ps_tm_lim > control.tm_lim) control.ps_tm_lim = control.tm_lim;
    }
    control.cb_func = mip_callback;
    control.cb_info = &state;
    outcome->return_code = glp_intopt(problem, &control);
    outcome->mip_status = glp_mip_status(problem);
    if (outcome->tree_rows == 0 && params->presolve == GLP_OFF) {
        // Solved at the root without a callback: only the root LP's iterations count.
        outcome->iterations = glp_get_it_cnt(problem) - state.original_iterations;
        outcome->tree_rows = glp_get_num_rows(problem);
        outcome->tree_cols = n;
        outcome->work = state.setup_work + iteration_work(params, outcome->iterations, outcome->tree_rows);
    }
    outcome->elapsed_ms = glp_time() - state.started;
    if (outcome->mip_status == GLP_OPT || outcome->mip_status == GLP_FEAS) {
        outcome->objective = glp_mip_obj_val(problem);
        for (int j = 1; j <= n; j++) column_values[j] = glp_mip_col_val(problem, j);
        if (outcome->mip_status == GLP_OPT) {
            outcome->best_bound = outcome->objective;
            outcome->has_bound = 1;
        }
        if (outcome->incumbent_ms < 0) outcome->incumbent_ms = outcome->elapsed_ms;
    }
    GUARD_END
    return 0;
}

// A lower bound on min c'x + c0 over {l <= Ax <= u, bounds on x} that holds for ANY row multipliers y:
//   L(y) = c0 + sum_j min_{x_j in [lj,uj]} d_j x_j + sum_i min_{r_i in [li,ui]} y_i r_i,  d = c - A'y.
// With y from a near-optimal interior point this is the LP bound, and it needs no converged primal.
// A term whose box is unbounded in the bad direction makes L = -inf; |d_j| below 1e-9 counts as 0 there.
static double lagrangian_bound(glp_prob *problem, const double *row_dual) {
    int m = glp_get_num_rows(problem), n = glp_get_num_cols(problem);
    double bound = glp_get_obj_coef(problem, 0);
    int *index = malloc((size_t)(m + 1) * sizeof *index);
    double *value = malloc((size_t)(m + 1) * sizeof *value);
    if (!index || !value) { free(index); free(value); return -INFINITY; }
    for (int i = 1; i <= m; i++) {
        double y = row_dual[i];
        int type = glp_get_row_type(problem, i);
        if (type == GLP_FR) continue;  // a free row (the objective's copy) carries no multiplier
        double low = glp_get_row_lb(problem, i), high = glp_get_row_ub(problem, i);
        if (y > 0) {
            if (type == GLP_UP) { if (y > 1e-9) { bound = -INFINITY; break; } }
            else bound += y * low;
        } else if (y < 0) {
            if (type == GLP_LO) { if (y < -1e-9) { bound = -INFINITY; break; } }
            else bound += y * high;
        }
    }
    for (int j = 1; j <= n && isfinite(bound); j++) {
        double d = glp_get_obj_coef(problem, j);
        int length = glp_get_mat_col(problem, j, index, value);
        for (int k = 1; k <= length; k++) {
            if (glp_get_row_type(problem, index[k]) != GLP_FR) d -= row_dual[index[k]] * value[k];
        }
        int type = glp_get_col_type(problem, j);
        double low = glp_get_col_lb(problem, j), high = glp_get_col_ub(problem, j);
        int has_low = type == GLP_LO || type == GLP_DB || type == GLP_FX;
        int has_high = type == GLP_UP || type == GLP_DB || type == GLP_FX;
        if (d > 0) {
            if (has_low) bound += d * low; else if (d > 1e-9) bound = -INFINITY;
        } else if (d < 0) {
            if (has_high) bound += d * high; else if (d < -1e-9) bound = -INFINITY;
        }
    }
    free(index);
    free(value);
    return bound;
}

/// The Lagrangian bound at the row duals `row_dual` reads (the simplex's or interior point's), copied to
/// copy[1..m] unless it is NULL; -INFINITY when they give none or memory runs out.
static double bound_at_row_duals(glp_prob *problem, double (*row_dual)(glp_prob *, int), double *copy) {
    int m = glp_get_num_rows(problem);
    double *duals = malloc((size_t)(m + 1) * sizeof(double));
    if (!duals) return -INFINITY;
    for (int i = 1; i <= m; i++) duals[i] = row_dual(problem, i);
    double bound = lagrangian_bound(problem, duals);
    if (copy) memcpy(copy + 1, duals + 1, (size_t)m * sizeof(double));
    free(duals);
    return bound;
}

// A basis whose basic solution is `point` (1-based by column), so that the primal simplex method starts from
// a feasible point (a roster's) instead of searching for one: its first phase took more iterations than the
// whole second phase on a 150-person quarter (BENCHMARKS.md). Columns at a bound are nonbasic there; each
// column strictly between its bounds (a cover or fairness slack) becomes basic in place of one row of its own
// that the point holds at that row's bound. Returns 0 when some such column finds no row, and leaves the
// statuses unchanged then; glp_warm_up decides whether the basis is usable.
static int basis_from_point(glp_prob *problem, const double *point) {
    const double tolerance = 1e-9;
    int m = glp_get_num_rows(problem), n = glp_get_num_cols(problem);
    double *activity = calloc((size_t)m + 1, sizeof(double));
    int *row_status = malloc(((size_t)m + 1) * sizeof(int));
    int *col_status = malloc(((size_t)n + 1) * sizeof(int));
    int *index = malloc(((size_t)m + 1) * sizeof(int));
    double *value = malloc(((size_t)m + 1) * sizeof(double));
    int usable = activity && row_status && col_status && index && value;
    for (int j = 1; usable && j <= n; j++) {
        int length = glp_get_mat_col(problem, j, index, value);
        for (int k = 1; k <= length; k++) activity[index[k]] += value[k] * point[j];
    }
    for (int i = 1; usable && i <= m; i++) row_status[i] = GLP_BS;
    for (int j = 1; usable && j <= n; j++) {
        int type = glp_get_col_type(problem, j);
        double lower = glp_get_col_lb(problem, j), upper = glp_get_col_ub(problem, j), x = point[j];
        int has_lower = type == GLP_LO || type == GLP_DB || type == GLP_FX;
        int has_upper = type == GLP_UP || type == GLP_DB || type == GLP_FX;
        if (type == GLP_FX) { col_status[j] = GLP_NS; continue; }
        if (has_lower && fabs(x - lower) <= tolerance) { col_status[j] = GLP_NL; continue; }
        if (has_upper && fabs(x - upper) <= tolerance) { col_status[j] = GLP_NU; continue; }
        if (type == GLP_FR && fabs(x) <= tolerance) { col_status[j] = GLP_NF; continue; }
        col_status[j] = GLP_BS;
        int claimed = 0;
        int length = glp_get_mat_col(problem, j, index, value);
        for (int k = 1; k <= length && !claimed; k++) {
            int i = index[k];
            if (row_status[i] != GLP_BS || value[k] == 0) continue;
            int row_type = glp_get_row_type(problem, i);
            double row_lower = glp_get_row_lb(problem, i), row_upper = glp_get_row_ub(problem, i);
            double scale = 1 + fabs(activity[i]);
            if (row_type == GLP_FX && fabs(activity[i] - row_lower) <= tolerance * scale) row_status[i] = GLP_NS;
            else if ((row_type == GLP_LO || row_type == GLP_DB) && fabs(activity[i] - row_lower) <= tolerance * scale) row_status[i] = GLP_NL;
            else if ((row_type == GLP_UP || row_type == GLP_DB) && fabs(activity[i] - row_upper) <= tolerance * scale) row_status[i] = GLP_NU;
            else continue;
            claimed = 1;
        }
        if (!claimed) usable = 0;
    }
    if (usable) {
        for (int i = 1; i <= m; i++) glp_set_row_stat(problem, i, row_status[i]);
        for (int j = 1; j <= n; j++) glp_set_col_stat(problem, j, col_status[j]);
    }
    free(activity);
    free(row_status);
    free(col_status);
    free(index);
    free(value);
    return usable;
}

int rota_glpk_simplex_bound(glp_prob *problem, long iteration_limit, double time_limit_ms, const double *start,
                            int *optimal, int *started_from_point, double *bound, long *iterations, double *row_duals,
                            double *column_values) {
    *bound = -INFINITY;
    *optimal = 0;
    *started_from_point = 0;
    *iterations = 0;
    GUARD_BEGIN
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    if (iteration_limit > 0) simplex.it_lim = iteration_limit > INT_MAX ? INT_MAX : (int)iteration_limit;
    if (time_limit_ms >= 0) simplex.tm_lim = clamp_ms(time_limit_ms);
    glp_scale_prob(problem, GLP_SF_AUTO);
    if (start && basis_from_point(problem, start) && glp_warm_up(problem) == 0 && glp_get_prim_stat(problem) == GLP_FEAS) {
        *started_from_point = 1;
    } else {
        glp_adv_basis(problem, 0);
    }
    int before = glp_get_it_cnt(problem);
    int code = glp_simplex(problem, &simplex);
    *iterations = glp_get_it_cnt(problem) - before;
    *optimal = code == 0 && glp_get_status(problem) == GLP_OPT;
    *bound = bound_at_row_duals(problem, glp_get_row_dual, row_duals);
    if (column_values) {
        int n = glp_get_num_cols(problem);
        for (int j = 1; j <= n; j++) column_values[j] = glp_get_col_prim(problem, j);
    }
    GUARD_END
    return 0;
}

int rota_glpk_dual_simplex_bound(glp_prob *problem, long iteration_limit, int *optimal, int *infeasible, double *bound,
                                 long *iterations) {
    *bound = -INFINITY;
    *optimal = 0;
    *infeasible = 0;
    *iterations = 0;
    GUARD_BEGIN
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    simplex.meth = GLP_DUALP;
    if (iteration_limit > 0) simplex.it_lim = iteration_limit > INT_MAX ? INT_MAX : (int)iteration_limit;
    glp_scale_prob(problem, GLP_SF_AUTO);
    glp_std_basis(problem);
    int before = glp_get_it_cnt(problem);
    int code = glp_simplex(problem, &simplex);
    *iterations = glp_get_it_cnt(problem) - before;
    int status = glp_get_status(problem);
    *optimal = code == 0 && status == GLP_OPT;
    // A dual without bound: the primal has no feasible point at all.
    *infeasible = code == 0 && status == GLP_NOFEAS;
    *bound = bound_at_row_duals(problem, glp_get_row_dual, NULL);
    GUARD_END
    return 0;
}

int rota_glpk_interior_bound(glp_prob *problem, double *bound) {
    *bound = -INFINITY;
    GUARD_BEGIN
    glp_iptcp control;
    glp_init_iptcp(&control);
    control.msg_lev = GLP_MSG_OFF;
    glp_scale_prob(problem, GLP_SF_AUTO);
    glp_interior(problem, &control);  // GLP_EINSTAB near the end still leaves good duals
    *bound = bound_at_row_duals(problem, glp_ipt_row_dual, NULL);
    GUARD_END
    return 0;
}


int rota_memory_file(void) {
#if defined(__linux__) && defined(MFD_CLOEXEC)
    return memfd_create("rota-model-data", MFD_CLOEXEC);
#else
    return -1;
#endif
}
