#!/usr/bin/env python3
"""Plants an R03 case that crosses partitions into a plain synth folder (partition_test.sh): a
村/社区干部 C of community X whose household is moved to another community, and a kinship row
between C and E, a person enrolled in a means-tested program in X during C's tenure. C's home
partition then differs from E's, so R03 for E holds only when E's partition receives C's persons
and officials rows (the kin halo). Prints "E C" (their ID numbers). Usage: DIR"""
import csv
import os
import sys

d = sys.argv[1]


def read(name):
    with open(os.path.join(d, name + ".csv"), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write(name, rows):
    with open(os.path.join(d, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


persons, officials, enrolments = read("persons"), read("officials"), read("enrolments")
kinship = read("kinship")
means = {p["code"] for p in read("programs") if p["means_tested"] == "是"}
household = {p["id_number"]: p["household_id"] for p in persons}
communities = sorted({p["community"] for p in persons})
kin = {(k["id_number_a"], k["id_number_b"]) for k in kinship}
for c in officials:
    if c["category"] not in ("村干部", "社区干部") or c["end_date"] or c["id_number"] not in household:
        continue
    x = c["community"]
    for e in enrolments:
        if (e["program_code"] in means and e["community"] == x and not e["end_date"]
                and e["id_number"] in household
                and household[e["id_number"]] != household[c["id_number"]]
                and (c["id_number"], e["id_number"]) not in kin
                and (e["id_number"], c["id_number"]) not in kin):
            break
    else:
        continue
    break
else:
    sys.exit("no open-ended cadre with a means-tested enrolment in their community")
# The cadre's household moves to the community farthest from X in the sorted list.
y = communities[(communities.index(x) + len(communities) // 2) % len(communities)]
for p in persons:
    if p["household_id"] == household[c["id_number"]]:
        p["community"] = y
kinship.append({"id_number_a": c["id_number"], "id_number_b": e["id_number"], "relation": "兄弟姐妹"})
write("persons", persons)
write("kinship", kinship)
print(e["id_number"], c["id_number"])
