#!/usr/bin/env python3
"""Says, for each JPEG named, what its file holds rather than what its name or
the script that made it suggests: restart interval and restart markers counted
in the scan, the Huffman tables (T.81 Annex K's standard ones, or optimised
for the image) and the coding process.

usage: markers.py FILE.jpg...
"""
import sys

# Code counts per length (BITS) of the four tables of T.81 Annex K.3.
STANDARD = {
    (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0),
    (0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
    (0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D),
    (0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77),
}
PROCESS = {0xC0: "baseline", 0xC1: "extended", 0xC2: "progressive"}


def describe(data):
    if data[:2] != b"\xff\xd8":
        return "not a JPEG"
    at, interval, rst, tables, process = 2, 0, 0, [], "?"
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            at += 1
            continue
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker == 0xD9:
            break
        size = data[at + 2] << 8 | data[at + 3]
        body = data[at + 4 : at + 2 + size]
        at += 2 + size
        if marker == 0xDD:
            interval = body[0] << 8 | body[1]
        elif marker in PROCESS:
            process = PROCESS[marker]
        elif marker == 0xC4:
            i = 0
            while i + 17 <= len(body):
                counts = tuple(body[i + 1 : i + 17])
                tables.append(counts)
                i += 17 + sum(counts)
        elif marker == 0xDA:
            # The entropy-coded data runs to the next marker that is neither
            # a stuffed zero nor a restart marker.
            while at + 1 < len(data):
                if data[at] == 0xFF and data[at + 1] != 0x00:
                    if 0xD0 <= data[at + 1] <= 0xD7:
                        rst += 1
                    elif data[at + 1] != 0xFF:
                        break
                at += 1
    kind = "standard" if tables and all(t in STANDARD for t in tables) else "optimised"
    markers = f"restart interval {interval} MCUs, {rst} restart markers" if interval or rst else "no restart markers"
    return f"{process}, {markers}, {kind} Huffman tables"


for path in sys.argv[1:]:
    with open(path, "rb") as f:
        print(f"{path}: {describe(f.read())}")
