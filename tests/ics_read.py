"""Reads iCalendar files with Python's icalendar (a real parser, not ours) and prints what a
calendar would hold, as JSON: every VEVENT with its instants in UTC, and the events a calendar
keeps after importing the files in order (one per UID, the highest SEQUENCE winning).

Used by tests/cli.rs. Usage: python3 tests/ics_read.py FILE [FILE ...]
"""
import json
import sys
from datetime import timezone

import icalendar


def utc(prop):
    if prop is None:
        return None
    value = prop.dt
    if value.tzinfo is None:
        raise SystemExit("a floating time (no zone): %r" % value)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


files = []
calendar = {}
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        raw = f.read()
    lines = raw.split(b"\r\n")
    cal = icalendar.Calendar.from_ical(raw)
    events = []
    for ev in cal.walk("VEVENT"):
        events.append({
            "uid": str(ev["UID"]),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "summary": str(ev["SUMMARY"]),
            "description": str(ev.get("DESCRIPTION", "")),
            "location": str(ev.get("LOCATION", "")),
            "status": str(ev.get("STATUS", "")),
            "start": utc(ev.get("DTSTART")),
            "end": utc(ev.get("DTEND")),
            "tzid": ev["DTSTART"].params.get("TZID"),
        })
    for e in events:
        kept = calendar.get(e["uid"])
        if kept is None or e["sequence"] >= kept["sequence"]:
            calendar[e["uid"]] = e
    files.append({
        "events": events,
        "timezones": [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")],
        "crlf_only": b"\n" not in raw.replace(b"\r\n", b""),
        "longest_line": max(len(line) for line in lines),
        "utf8": raw.decode("utf-8") is not None,
    })
print(json.dumps({"files": files, "calendar": list(calendar.values())}, ensure_ascii=False))
