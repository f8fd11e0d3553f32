# Sourced by the benchmark scripts: reads the header `rota solve` prints (given as $1) into shell variables
# status, objective, bound, gap, wall, found, work, translation, model and verdict.
read_solve_header() {
  local out=$1
  status=$(grep '^status' <<<"$out" | sed 's/^status *//')
  objective=$(grep '^objective' <<<"$out" | awk '{print $2}')
  bound=$(grep '^bound' <<<"$out" | awk '{print $2}')
  gap=$(grep '^bound' <<<"$out" | awk '{print $4}')
  wall=$(grep '^time' <<<"$out" | awk '{print $2}')
  found=$(grep '^time' <<<"$out" | sed -n 's/.*best found at \([^,]*\),.*/\1/p')
  work=$(grep '^work' <<<"$out" | awk '{print $2}')
  model=$(grep '^time' <<<"$out" | sed -n 's/.*model \([0-9×]*\) translated in.*/\1/p')
  translation=$(grep '^time' <<<"$out" | sed -n 's/.*translated in \([0-9.]*s\)).*/\1/p')
  verdict=$(grep '^evaluator' <<<"$out" | sed 's/^evaluator *//')
}
