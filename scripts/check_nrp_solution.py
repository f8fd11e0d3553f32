#!/usr/bin/env python3
"""Check a roster for a Curtois & Qu NRP instance, independently of Rota.

Written from the benchmark's rules alone (shared/benchmarks/nrp/README.md), sharing no code with Rota's
Swift evaluator or its MathProg model. Prints the hard-rule violations and the objective.

    scripts/check_nrp_solution.py INSTANCE.txt ROSTER.csv [EXPECTED_OBJECTIVE]

Exit status: 0 when every hard rule holds (and the objective equals EXPECTED_OBJECTIVE when given), 1 otherwise.
"""
import sys


def read_instance(path):
    sections, current = {}, None
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("SECTION_"):
                current = line
                sections[current] = []
            else:
                sections[current].append([field.strip() for field in line.split(",")])
    days = int(sections["SECTION_HORIZON"][0][0])
    shifts = {row[0]: (int(row[1]), [s for s in row[2].split("|") if s] if len(row) > 2 else []) for row in sections["SECTION_SHIFTS"]}
    staff = {}
    for row in sections["SECTION_STAFF"]:
        limits = {}
        for item in row[1].split("|"):
            if item:
                name, value = item.split("=")
                limits[name] = int(value)
        staff[row[0]] = dict(max_shifts=limits, max_minutes=int(row[2]), min_minutes=int(row[3]), max_consecutive=int(row[4]),
                             min_consecutive=int(row[5]), min_days_off=int(row[6]), max_weekends=int(row[7]), days_off=set())
    for row in sections.get("SECTION_DAYS_OFF", []):
        staff[row[0]]["days_off"].update(int(day) for day in row[1:] if day)
    on = [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get("SECTION_SHIFT_ON_REQUESTS", [])]
    off = [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get("SECTION_SHIFT_OFF_REQUESTS", [])]
    cover = [(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4])) for r in sections.get("SECTION_COVER", [])]
    return days, shifts, staff, on, off, cover


def runs(worked):
    """(start, length, is_work) for each maximal run of equal values."""
    result, start = [], 0
    for day in range(1, len(worked) + 1):
        if day == len(worked) or worked[day] != worked[start]:
            result.append((start, day - start, worked[start]))
            start = day
    return result


def main():
    instance, roster_path = sys.argv[1], sys.argv[2]
    expected = int(sys.argv[3]) if len(sys.argv) > 3 else None
    days, shifts, staff, on, off, cover = read_instance(instance)
    assigned = {person: [None] * days for person in staff}
    problems = []
    with open(roster_path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            person, day, shift = [field.strip() for field in line.split(",")]
            day = int(day)
            if person not in staff or shift not in shifts or not 0 <= day < days:
                problems.append(f"unknown assignment {line}")
            elif assigned[person][day] is not None:
                problems.append(f"{person} has two shifts on day {day}")
            else:
                assigned[person][day] = shift
    for person, rules in staff.items():
        row = assigned[person]
        for day, shift in enumerate(row):
            if shift is None:
                continue
            if day in rules["days_off"]:
                problems.append(f"{person} works on day off {day}")
            if day + 1 < days and row[day + 1] in shifts[shift][1]:
                problems.append(f"{person}: {shift} on day {day} then {row[day + 1]}")
        for shift, limit in rules["max_shifts"].items():
            if row.count(shift) > limit:
                problems.append(f"{person}: {row.count(shift)} {shift} shifts > {limit}")
        minutes = sum(shifts[s][0] for s in row if s is not None)
        if not rules["min_minutes"] <= minutes <= rules["max_minutes"]:
            problems.append(f"{person}: {minutes} minutes outside {rules['min_minutes']}..{rules['max_minutes']}")
        worked = [s is not None for s in row]
        for start, length, is_work in runs(worked):
            inside = start > 0 and start + length < days
            if is_work and length > rules["max_consecutive"]:
                problems.append(f"{person}: {length} consecutive shifts from day {start}")
            if is_work and inside and length < rules["min_consecutive"]:
                problems.append(f"{person}: only {length} consecutive shifts from day {start}")
            if not is_work and inside and length < rules["min_days_off"]:
                problems.append(f"{person}: only {length} days off from day {start}")
        weekends = sum(1 for k in range(days // 7) if worked[7 * k + 5] or worked[7 * k + 6])
        if weekends > rules["max_weekends"]:
            problems.append(f"{person}: {weekends} weekends > {rules['max_weekends']}")
    objective = 0
    for person, day, shift, weight in on:
        if assigned[person][day] != shift:
            objective += weight
    for person, day, shift, weight in off:
        if assigned[person][day] == shift:
            objective += weight
    for day, shift, required, under, over in cover:
        count = sum(1 for person in staff if assigned[person][day] == shift)
        objective += under * max(0, required - count) + over * max(0, count - required)
    for problem in problems:
        print("HARD", problem)
    print(f"objective {objective}, {len(problems)} hard violations")
    ok = not problems and (expected is None or expected == objective)
    if expected is not None and expected != objective:
        print(f"MISMATCH: expected {expected}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
