#!/usr/bin/env python3
"""Writes one large, valid `customer/get` response packet: the "100 MB file" of the benchmarks.

A response listing every customer of a big server is the largest packet Plesk produces; this
one has RESULTS results of about 500 bytes each (200,000 make 100 MB), each different (ids,
names, dates), so nothing is artificially repetitive for the parser. With --mistakes N, every
Nth result has one mistake, cycling through an invalid value, a misspelt element and a
missing required element, to measure the cost of many findings in one file.

    scripts/big-response.py --results 200000 > big.xml
    scripts/big-response.py --results 20000 --mistakes 10 --out big-with-mistakes.xml

Standard library only. The same packet validates with
`xmllint --noout --schema agent_output.xsd`.
"""

import argparse
import sys

RESULT = """\
<result>
<status>ok</status>
<filter-id>{i}</filter-id>
<id>{i}</id>
<data>
<gen_info>
<cr_date>20{year:02}-{month:02}-{day:02}</cr_date>
<cname>Example Hosting {i}</cname>
<pname>Customer Number {i}</pname>
<login>customer{i}</login>
<status>{status}</status>
<phone>+1 555 {phone:07}</phone>
<fax>+1 555 0199</fax>
<email>customer{i}@example.com</email>
<address>{i} Main Street</address>
<city>Springfield</city>
<state>IL</state>
<pcode>{pcode:05}</pcode>
<country>US</country>
<locale>en-US</locale>
<external-id>ext-{i:08x}</external-id>
</gen_info>
</data>
</result>
"""

MISTAKES = [
    ("<status>{status}</status>", "<status>active</status>"),  # invalid value: an int
    ("<pname>", "<pnmae>"),  # misspelt element (and its end tag)
    ("<city>Springfield</city>\n", ""),  # missing required element
]


def result(i, mistake):
    status = [0, 16, 4][i % 3]
    text = RESULT
    if mistake is not None:
        wrong, right = MISTAKES[mistake]
        text = text.replace(wrong, right)
        if wrong == "<pname>":
            text = text.replace("</pname>", "</pnmae>")
    return text.format(
        i=i + 1,
        year=10 + i % 15,
        month=1 + i % 12,
        day=1 + i % 28,
        status=status,
        phone=(i * 7919) % 10_000_000,
        pcode=(i * 31) % 100_000,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=int, default=200_000)
    parser.add_argument("--mistakes", type=int, default=0, metavar="N",
                        help="put a mistake into every Nth result (0: none)")
    parser.add_argument("--out", help="file to write (default: stdout)")
    args = parser.parse_args()
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.3.0">\n')
    out.write("<customer>\n<get>\n")
    made = 0
    for i in range(args.results):
        mistake = None
        if args.mistakes and (i + 1) % args.mistakes == 0:
            mistake = made % len(MISTAKES)
            made += 1
        out.write(result(i, mistake))
    out.write("</get>\n</customer>\n</packet>\n")
    if args.out:
        out.close()


if __name__ == "__main__":
    main()
