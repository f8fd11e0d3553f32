#!/usr/bin/env python3
"""Reads every .ics file in a folder with the `icalendar` package, independently of Rota, and prints what it
found as JSON: per file, its calendar name, time zones and events (UID, status, sequence, local start and end,
length in real minutes, summary, location). Exits 1 with a message if a file breaks RFC 5545's framing (CRLF line
endings, lines of at most 75 octets, a VTIMEZONE for every TZID used).

    scripts/check_ics.py DIR
"""
import datetime
import json
import pathlib
import sys

try:
    import icalendar
except ImportError:
    sys.exit("check_ics.py needs the icalendar package: python3 -m pip install icalendar (make setup does)")


def check_framing(path, raw):
    if b"\n" in raw.replace(b"\r\n", b""):
        sys.exit(f"{path}: a line ends without CR LF")
    for number, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            sys.exit(f"{path}:{number}: {len(line)} octets, more than 75")


def main(folder):
    result = {}
    for path in sorted(pathlib.Path(folder).glob("*.ics")):
        raw = path.read_bytes()
        check_framing(path, raw)
        calendar = icalendar.Calendar.from_ical(raw)
        zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
        events = []
        for event in calendar.walk("VEVENT"):
            start, end = event["DTSTART"], event["DTEND"]
            tzid = start.params.get("TZID")
            if tzid not in zones:
                sys.exit(f"{path}: DTSTART uses TZID {tzid}, which has no VTIMEZONE")
            begin, finish = start.dt, end.dt
            events.append({
                "uid": str(event["UID"]),
                "status": str(event.get("STATUS", "")),
                "sequence": int(event.get("SEQUENCE", 0)),
                "start": begin.replace(tzinfo=None).isoformat(timespec="minutes"),
                "end": finish.replace(tzinfo=None).isoformat(timespec="minutes"),
                "minutes": int((finish.astimezone(datetime.timezone.utc) - begin.astimezone(datetime.timezone.utc)).total_seconds() // 60),
                "summary": str(event["SUMMARY"]),
                "location": str(event.get("LOCATION", "")),
                "tzid": tzid,
            })
        result[path.name] = {"name": str(calendar.get("X-WR-CALNAME", "")), "zones": zones, "events": events}
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
