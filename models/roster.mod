/* Rota roster model (GNU MathProg).
 *
 * One binary x[s,d,t] per permitted assignment: person s works shift type t starting on day d.
 * Eligibility, hard days off and leave are applied by leaving the assignment out of AVAIL, so the model
 * never carries a column that could not be used. The objective is the weighted sum of every soft rule;
 * Rota's evaluator recomputes it from the roster alone and must agree.
 *
 * Reproduce a solve:  glpsol -m models/roster.mod -d data.dat   (rota solve --write-data data.dat)
 */

/* ---------- horizon, people, shift types ---------- */

set STAFF;
set SHIFTS;
param nDays, integer, > 0;
set DAYS := 0..nDays-1;

/* Paid minutes of one shift of each type. */
param minutes{SHIFTS}, >= 0;

/* Assignments that may be made at all (role, skills, availability and hard days off already applied). */
set AVAIL within STAFF cross DAYS cross SHIFTS;

/* Most shifts one person may start on one day. */
param maxPerDay{STAFF}, integer, >= 1, default 1;

/* (t1, t2): shift t1 on day d forbids shift t2 on day d+1 (both inside the horizon). */
set FORBID within SHIFTS cross SHIFTS;

/* (t1, t2, k): shift t1 on day d and shift t2 on day d+k may not both be worked by one person: they
   overlap in clock time or leave less than the minimum rest between them. For k = 0, t1 comes first. */
set CLASH dimen 3;

/* Assignments that must be kept as given. */
set PINNED within STAFF cross DAYS cross SHIFTS;

/* ---------- contract limits (hard) ---------- */

set COUNT_LIMITED within STAFF cross SHIFTS;
param maxCount{COUNT_LIMITED}, integer, >= 0;

set MIN_MINUTES within STAFF;
param minMinutes{MIN_MINUTES}, >= 0;
set MAX_MINUTES within STAFF;
param maxMinutes{MAX_MINUTES}, >= 0;

/* Paid minutes within windows of days (calendar weeks): (s, i) is person s's i-th window. */
set WINDOWS dimen 2;
param winFirst{WINDOWS}, integer, >= 0;
param winLast{WINDOWS}, integer, >= 0;
set WINDOW_MIN within WINDOWS;
param winMin{WINDOW_MIN}, >= 0;
set WINDOW_MAX within WINDOWS;
param winMax{WINDOW_MAX}, >= 0;

/* Contract minimums are hard unless a bend order lets them give way: then each minute short of the
   minimum as written (minExact, winExact) costs minuteWeight, its rank's weight (Rota's BendOrder), and Rota
   reports the shortfall as a broken hard rule. minMinutes and winMin are the minimums rounded up to a total
   the person's shifts can reach, which a roster meeting the minimum meets too; with the shortfall counted
   minFactor (winFactor) times there, that row stays valid below the minimum and keeps the rounding's
   stronger LP bound (the factor is 1 + rounding / the distance to the nearest reachable total below). */
param minuteWeight, >= 0, default 0;
set MIN_SHORT := {s in MIN_MINUTES: minuteWeight > 0};
set WINDOW_SHORT := {(s, i) in WINDOW_MIN: minuteWeight > 0};
param minExact{s in MIN_SHORT}, >= 0, default minMinutes[s];
param minFactor{MIN_SHORT}, >= 1, default 1;
param winExact{(s, i) in WINDOW_SHORT}, >= 0, default winMin[s, i];
param winFactor{WINDOW_SHORT}, >= 1, default 1;

/* Longest run of consecutive working days. Days before the horizon count through workedBefore: the
   number of consecutive days worked right up to the day before day 0 (0 means day -1 was off). */
set MAX_CONSEC within STAFF;
param maxConsec{MAX_CONSEC}, integer, >= 1;
param workedBefore{STAFF}, integer, >= 0, default 0;

/* Longest run of days with one shift type (s, t): typeRunBefore counts the days with it right up to the day
   before day 0, from the history. */
set TYPE_RUN within STAFF cross SHIFTS;
param typeRunMax{TYPE_RUN}, integer, >= 1;
param typeRunBefore{TYPE_RUN}, integer, >= 0, default 0;

/* Shortest runs of working days and of days off. Runs that touch the last day of the horizon are exempt,
   and so are runs that touch its first day unless the history says how they began (the benchmark's
   convention: unbounded days off lie outside the horizon). */
param minConsec{STAFF}, integer, >= 1, default 1;
param minOff{STAFF}, integer, >= 1, default 1;

/* The history covers the historyDays days before day 0 (0: nothing is known of them): offBefore is the
   number of consecutive days off right up to day -1 within it. A run that began inside it counts its days
   there; one that reaches back to its first day began at an unknown date and is exempt from minimums. */
param historyDays, integer, >= 0, default 0;
param offBefore{STAFF}, integer, >= 0, default 0;

/* A weekend is worked when any assignment starts on one of its days. */
set WEEKENDS;
set WEEKEND_DAYS{WEEKENDS} within DAYS;
param maxWeekends{STAFF}, integer, >= 0, default card(WEEKENDS);
set WEEKEND_LIMITED := {s in STAFF: maxWeekends[s] < card(WEEKENDS)};

/* ---------- soft rules ---------- */

/* Cover requirement c: people of COVER_STAFF[c] on the cells (day, shift) of COVER_CELL[c]: shift
   coverShift[c] of day coverDay[c] alone, or several (an either/or line; every shift covering a stretch of
   hours); a person on two of the cells counts twice. Each person short of required[c] costs wUnder, each
   extra one wOver. */
set COVER;
param coverDay{COVER}, integer, >= 0, < nDays;
param coverShift{COVER}, symbolic, in SHIFTS;
set COVER_STAFF{COVER} within STAFF, default STAFF;
set COVER_CELL{c in COVER}, dimen 2, within DAYS cross SHIFTS, default {(coverDay[c], coverShift[c])};
param required{COVER}, integer, >= 0;
param wUnder{COVER}, >= 0;
param wOver{COVER}, >= 0;

/* Hard floors and ceilings on cover, and supervision, bind several people at once. They are elastic: each
   unit left costs its rank's weight in the bend order (Rota's BendOrder; 100000 each without one), far above
   any soft cost, so every roster has a value (the search can start anywhere) and a roster meeting them
   always wins. Rota reports any unit left as a broken hard rule. */
param hardWeight, > 0, default 100000;
set COVER_FLOOR within COVER;
param hardMin{COVER_FLOOR}, integer, >= 0;
set COVER_CAP within COVER;
param hardMax{COVER_CAP}, integer, >= 0;
param coverWeight{c in COVER_FLOOR union COVER_CAP}, > 0, default hardWeight;

/* Support per provider rostered k: on shift ratioShift[k] of day ratioDay[k], the people of RATIO_SUPPORT[k]
   working it are at least ratioNum[k] / ratioDen[k] (in lowest terms) times the people of RATIO_LEAD[k]
   working it. The shortfall is integer, so it is the ratio times the providers rounded up, less the support;
   each person short costs wRatio[k]. */
set RATIO, default {};
param ratioDay{RATIO}, integer, >= 0, < nDays;
param ratioShift{RATIO}, symbolic, in SHIFTS;
set RATIO_SUPPORT{RATIO} within STAFF;
set RATIO_LEAD{RATIO} within STAFF;
param ratioNum{RATIO}, integer, > 0;
param ratioDen{RATIO}, integer, > 0;
param wRatio{RATIO}, >= 0;

/* Supervision rule k: whenever someone of SUPERVISED[k] works supShift[k] on a day, someone of
   SUPERVISORS[k] works one of SUPERVISING[k] (the same session, or on call then) that day. */
set SUPERVISION;
param supShift{SUPERVISION}, symbolic, in SHIFTS;
set SUPERVISED{SUPERVISION} within STAFF;
set SUPERVISORS{SUPERVISION} within STAFF;
set SUPERVISING{SUPERVISION} within SHIFTS;
param supWeight{SUPERVISION}, > 0, default hardWeight;

/* Fairness rule k: each person's count of FAIR_SHIFTS[k] on FAIR_DAYS[k] stays within fairLow..fairHigh
   (their FTE share); each unit outside costs fairWeight[k]. */
set FAIR;
param fairWeight{FAIR}, >= 0;
set FAIR_SHIFTS{FAIR} within SHIFTS;
set FAIR_DAYS{FAIR} within DAYS, default DAYS;
set FAIR_SHARE within FAIR cross STAFF;
param fairLow{FAIR_SHARE}, integer, >= 0;
param fairHigh{FAIR_SHARE}, integer, >= 0;

/* Requests: a shift-on request costs its weight unless exactly that shift is given; a shift-off request
   costs its weight if that shift is given. */
set ON_REQ within STAFF cross DAYS cross SHIFTS;
param onWeight{ON_REQ}, >= 0;
set OFF_REQ within STAFF cross DAYS cross SHIFTS;
param offWeight{OFF_REQ}, >= 0;
/* Whole-day requests: on costs its weight unless something is worked that day, off if anything is. */
set DAY_ON within STAFF cross DAYS;
param dayOnWeight{DAY_ON}, >= 0;
set DAY_OFF within STAFF cross DAYS;
param dayOffWeight{DAY_OFF}, >= 0;

/* Stability (re-rostering against a published roster): KEEP holds the published assignments; every one
   dropped and every other one added costs changeWeight of its day (0 on days with no stability cost). */
set KEEP within STAFF cross DAYS cross SHIFTS;
param changeWeight{DAYS}, >= 0, default 0;
param stable, binary, default 0;

/* ---------- variables ---------- */

var x{AVAIL}, binary;
/* w[s,d] = 1 when s works on day d (starts at least one shift). */
var w{STAFF, DAYS}, binary;
var wk{WEEKEND_LIMITED, WEEKENDS}, binary;
var under{c in COVER}, >= 0, <= required[c];
var over{COVER}, >= 0;
var short{COVER_FLOOR}, >= 0;
var excess{COVER_CAP}, >= 0;
var unsupervised{k in SUPERVISION, d in DAYS:
        exists{s in SUPERVISED[k]} (s, d, supShift[k]) in AVAIL}, >= 0;
var fairOver{FAIR_SHARE}, >= 0;
var fairUnder{FAIR_SHARE}, >= 0;
var minShort{MIN_SHORT}, >= 0;
var winShort{WINDOW_SHORT}, >= 0;
var supportShort{RATIO}, integer, >= 0;

/* ---------- objective ---------- */

minimize penalty:
    sum{c in COVER} (wUnder[c] * under[c] + wOver[c] * over[c])
  + sum{(s, d, t) in ON_REQ} onWeight[s, d, t]
      * (1 - (if (s, d, t) in AVAIL then x[s, d, t] else 0))
  + sum{(s, d, t) in OFF_REQ: (s, d, t) in AVAIL} offWeight[s, d, t] * x[s, d, t]
  + sum{(s, d) in DAY_ON} dayOnWeight[s, d] * (1 - w[s, d])
  + sum{(s, d) in DAY_OFF} dayOffWeight[s, d] * w[s, d]
  + sum{(k, s) in FAIR_SHARE} fairWeight[k] * (fairOver[k, s] + fairUnder[k, s])
  + sum{(s, d, t) in KEEP} changeWeight[d] * (1 - (if (s, d, t) in AVAIL then x[s, d, t] else 0))
  + sum{(s, d, t) in AVAIL: stable = 1 and changeWeight[d] > 0 and not ((s, d, t) in KEEP)} changeWeight[d] * x[s, d, t]
  + sum{c in COVER_FLOOR} coverWeight[c] * short[c] + sum{c in COVER_CAP} coverWeight[c] * excess[c]
  + sum{k in SUPERVISION, d in DAYS: exists{s in SUPERVISED[k]} (s, d, supShift[k]) in AVAIL}
        supWeight[k] * unsupervised[k, d]
  + minuteWeight * (sum{s in MIN_SHORT} minShort[s] + sum{(s, i) in WINDOW_SHORT} winShort[s, i])
  + sum{k in RATIO} wRatio[k] * supportShort[k];

/* ---------- working days ---------- */

/* With one shift a day the working-day indicator is exactly the day's sum (the tight form). */
s.t. day_single{s in STAFF, d in DAYS: maxPerDay[s] = 1}:
    w[s, d] = sum{t in SHIFTS: (s, d, t) in AVAIL} x[s, d, t];

s.t. day_upper{(s, d, t) in AVAIL: maxPerDay[s] > 1}: x[s, d, t] <= w[s, d];
s.t. day_lower{s in STAFF, d in DAYS: maxPerDay[s] > 1}:
    w[s, d] <= sum{t in SHIFTS: (s, d, t) in AVAIL} x[s, d, t];
s.t. day_count{s in STAFF, d in DAYS: maxPerDay[s] > 1}:
    sum{t in SHIFTS: (s, d, t) in AVAIL} x[s, d, t] <= maxPerDay[s];

/* ---------- forbidden successions ---------- */

/* Aggregated: with one shift a day, t1 today and all its forbidden successors tomorrow share one row. */
s.t. succession{(s, d, t1) in AVAIL: d + 1 < nDays and maxPerDay[s] = 1
        and card({(t1, t2) in FORBID: (s, d + 1, t2) in AVAIL}) > 0}:
    x[s, d, t1] + sum{(t1, t2) in FORBID: (s, d + 1, t2) in AVAIL} x[s, d + 1, t2] <= 1;

s.t. succession_pair{(s, d, t1) in AVAIL, (t1, t2) in FORBID:
        d + 1 < nDays and maxPerDay[s] > 1 and (s, d + 1, t2) in AVAIL}:
    x[s, d, t1] + x[s, d + 1, t2] <= 1;

/* ---------- clock time: overlap and minimum rest ---------- */

/* Same-day clashes matter only to people who may work several shifts a day. */
s.t. clash{(s, d, t1) in AVAIL, (t1, t2, k) in CLASH:
        d + k < nDays and (k > 0 or maxPerDay[s] > 1) and (s, d + k, t2) in AVAIL}:
    x[s, d, t1] + x[s, d + k, t2] <= 1;

s.t. pinned{(s, d, t) in PINNED: (s, d, t) in AVAIL}: x[s, d, t] = 1;

/* ---------- contract limits ---------- */

s.t. shift_count{(s, t) in COUNT_LIMITED}:
    sum{d in DAYS: (s, d, t) in AVAIL} x[s, d, t] <= maxCount[s, t];

s.t. minutes_min{s in MIN_MINUTES}:
    sum{(s, d, t) in AVAIL} minutes[t] * x[s, d, t] + (if s in MIN_SHORT then minFactor[s] * minShort[s])
        >= minMinutes[s];
s.t. minutes_min_exact{s in MIN_SHORT: minExact[s] < minMinutes[s]}:
    sum{(s, d, t) in AVAIL} minutes[t] * x[s, d, t] + minShort[s] >= minExact[s];

s.t. minutes_max{s in MAX_MINUTES}:
    sum{(s, d, t) in AVAIL} minutes[t] * x[s, d, t] <= maxMinutes[s];

s.t. window_min{(s, i) in WINDOW_MIN}:
    sum{d in winFirst[s, i]..winLast[s, i], t in SHIFTS: (s, d, t) in AVAIL} minutes[t] * x[s, d, t]
        + (if (s, i) in WINDOW_SHORT then winFactor[s, i] * winShort[s, i]) >= winMin[s, i];
s.t. window_min_exact{(s, i) in WINDOW_SHORT: winExact[s, i] < winMin[s, i]}:
    sum{d in winFirst[s, i]..winLast[s, i], t in SHIFTS: (s, d, t) in AVAIL} minutes[t] * x[s, d, t]
        + winShort[s, i] >= winExact[s, i];

s.t. window_max{(s, i) in WINDOW_MAX}:
    sum{d in winFirst[s, i]..winLast[s, i], t in SHIFTS: (s, d, t) in AVAIL} minutes[t] * x[s, d, t]
        <= winMax[s, i];

/* Any maxConsec + 1 consecutive days hold at most maxConsec working days. */
s.t. consec_max{s in MAX_CONSEC, d in 0..nDays - 1 - maxConsec[s]}:
    sum{i in d..d + maxConsec[s]} w[s, i] <= maxConsec[s];

/* The same windows where they reach back into the history before day 0. */
s.t. consec_max_history{s in MAX_CONSEC, a in -min(workedBefore[s], maxConsec[s])..-1:
        a + maxConsec[s] >= 0}:
    sum{i in 0..min(a + maxConsec[s], nDays - 1)} w[s, i] <= maxConsec[s] - (-a);

/* Any typeRunMax + 1 consecutive days hold at most typeRunMax days with the shift type, and the same windows
   where they reach back into the history. */
s.t. type_run{(s, t) in TYPE_RUN, d in 0..nDays - 1 - typeRunMax[s, t]}:
    sum{i in d..d + typeRunMax[s, t]: (s, i, t) in AVAIL} x[s, i, t] <= typeRunMax[s, t];
s.t. type_run_history{(s, t) in TYPE_RUN, a in -min(typeRunBefore[s, t], typeRunMax[s, t])..-1: a + typeRunMax[s, t] >= 0}:
    sum{i in 0..min(a + typeRunMax[s, t], nDays - 1): (s, i, t) in AVAIL} x[s, i, t] <= typeRunMax[s, t] - (-a);

/* Minimum runs, in start/end form (each family alone forbids every short run strictly inside the
   horizon; together they give a tighter LP than forbidding each short pattern, measured in BENCHMARKS.md).
   A run that starts on day d >= 1 and is not cut by the horizon's end lasts minConsec days at least. */
s.t. run_start{s in STAFF, i in 1..minConsec[s] - 1, d in 1..nDays - 1 - i}:
    w[s, d] - w[s, d - 1] <= w[s, d + i];
/* ...and one that ends on day d <= nDays-2 began minConsec-1 days earlier at least. */
s.t. run_end{s in STAFF, i in 1..minConsec[s] - 1, d in i..nDays - 2}:
    w[s, d] - w[s, d + 1] <= w[s, d - i];
/* The same for days off: a rest that starts on day d >= 1 lasts minOff days, one that ends on d began
   minOff-1 days earlier. */
s.t. rest_start{s in STAFF, i in 1..minOff[s] - 1, d in 1..nDays - 1 - i}:
    w[s, d - 1] - w[s, d] + w[s, d + i] <= 1;
s.t. rest_end{s in STAFF, i in 1..minOff[s] - 1, d in i..nDays - 2}:
    w[s, d + 1] - w[s, d] + w[s, d - i] <= 1;
/* Runs across day 0, where the history says how they began. A run of work begun in the history goes on
   until it is minConsec days long; one that starts on day 0 after a day off lasts minConsec days. */
s.t. run_from_history{s in STAFF, i in 0..min(minConsec[s] - workedBefore[s], nDays) - 1:
        workedBefore[s] > 0 and workedBefore[s] < historyDays}:
    w[s, i] = 1;
s.t. run_start_first{s in STAFF, i in 1..min(minConsec[s] - 1, nDays - 1): historyDays > 0 and workedBefore[s] = 0}:
    w[s, 0] <= w[s, i];
/* The same for days off. */
s.t. rest_from_history{s in STAFF, i in 0..min(minOff[s] - offBefore[s], nDays) - 1:
        offBefore[s] > 0 and offBefore[s] < historyDays}:
    w[s, i] = 0;
s.t. rest_start_first{s in STAFF, i in 1..min(minOff[s] - 1, nDays - 1): historyDays > 0 and workedBefore[s] > 0}:
    w[s, i] <= w[s, 0];
/* Between two runs lie at least minOff days off: any maxConsec + minOff days hold maxConsec working days. */
s.t. consec_rest{s in MAX_CONSEC, d in 0..nDays - maxConsec[s] - minOff[s]: minOff[s] > 1}:
    sum{i in d..d + maxConsec[s] + minOff[s] - 1} w[s, i] <= maxConsec[s];

/* ---------- weekends ---------- */

s.t. weekend_lower{s in WEEKEND_LIMITED, k in WEEKENDS, d in WEEKEND_DAYS[k]}: w[s, d] <= wk[s, k];
s.t. weekend_upper{s in WEEKEND_LIMITED, k in WEEKENDS}: wk[s, k] <= sum{d in WEEKEND_DAYS[k]} w[s, d];
s.t. weekend_max{s in WEEKEND_LIMITED}: sum{k in WEEKENDS} wk[s, k] <= maxWeekends[s];

/* ---------- cover ---------- */

s.t. cover{c in COVER}:
    sum{s in COVER_STAFF[c], (d, t) in COVER_CELL[c]: (s, d, t) in AVAIL} x[s, d, t]
        + under[c] - over[c] = required[c];

s.t. cover_floor{c in COVER_FLOOR}:
    sum{s in COVER_STAFF[c], (d, t) in COVER_CELL[c]: (s, d, t) in AVAIL} x[s, d, t]
        + short[c] >= hardMin[c];

s.t. cover_cap{c in COVER_CAP}:
    sum{s in COVER_STAFF[c], (d, t) in COVER_CELL[c]: (s, d, t) in AVAIL} x[s, d, t]
        - excess[c] <= hardMax[c];

/* ---------- supervision ---------- */

s.t. supervision{k in SUPERVISION, s in SUPERVISED[k], d in DAYS: (s, d, supShift[k]) in AVAIL}:
    x[s, d, supShift[k]]
        <= sum{p in SUPERVISORS[k], t in SUPERVISING[k]: (p, d, t) in AVAIL} x[p, d, t] + unsupervised[k, d];

/* ---------- fairness ---------- */

s.t. fair_high{(k, s) in FAIR_SHARE}:
    sum{d in FAIR_DAYS[k], t in FAIR_SHIFTS[k]: (s, d, t) in AVAIL} x[s, d, t] - fairOver[k, s] <= fairHigh[k, s];

s.t. fair_low{(k, s) in FAIR_SHARE}:
    sum{d in FAIR_DAYS[k], t in FAIR_SHIFTS[k]: (s, d, t) in AVAIL} x[s, d, t] + fairUnder[k, s] >= fairLow[k, s];

/* ---------- support per provider rostered ---------- */

s.t. support_ratio{k in RATIO}:
    ratioDen[k] * sum{s in RATIO_SUPPORT[k]: (s, ratioDay[k], ratioShift[k]) in AVAIL} x[s, ratioDay[k], ratioShift[k]]
        - ratioNum[k] * sum{s in RATIO_LEAD[k]: (s, ratioDay[k], ratioShift[k]) in AVAIL} x[s, ratioDay[k], ratioShift[k]]
        + ratioDen[k] * supportShort[k] >= 0;

end;
