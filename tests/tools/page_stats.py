#!/usr/bin/python3
"""page_stats.py DPI PAGE.pgm... - what is printed on each page image.

For each grey-scale page rendered by `pdftoppm -gray -r DPI`, prints one
tab-separated line: the file, the share of dark pixels (value < 160) in
per mille, and the box around them in millimetres from the page's top-left
corner (top, bottom, left, right), or "- - - -" on a blank page.  The
tests judge blank pages, margins and how full each page is from these.
"""
import sys


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    if fields[0] != b"P5" or int(fields[3]) != 255:
        raise SystemExit(f"{path}: not an 8-bit binary PGM")
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + w * h]
    if len(pixels) != w * h:
        raise SystemExit(f"{path}: truncated")
    return w, h, pixels


def main():
    dpi = float(sys.argv[1])
    mm = 25.4 / dpi
    for path in sys.argv[2:]:
        w, h, px = read_pgm(path)
        dark, top, bottom, left, right = 0, None, None, w, -1
        for y in range(h):
            row = px[y * w:(y + 1) * w]
            xs = [x for x, v in enumerate(row) if v < 160]
            if not xs:
                continue
            dark += len(xs)
            top = y if top is None else top
            bottom = y
            left = min(left, xs[0])
            right = max(right, xs[-1])
        if top is None:
            print(f"{path}\t0\t-\t-\t-\t-")
        else:
            print(f"{path}\t{dark * 1000 / (w * h):.1f}\t{top * mm:.1f}\t{(bottom + 1) * mm:.1f}"
                  f"\t{left * mm:.1f}\t{(right + 1) * mm:.1f}")


main()
