#!/usr/bin/env python3
"""docs/ci.md's two jobs parse as YAML and do what the page says: run
`pktspec test` and publish its JUnit file. Exit 77 (skipped) without PyYAML."""
import re
import sys

try:
    import yaml
except ImportError:
    print("python3-yaml is not installed: skipped")
    sys.exit(77)


def main():
    with open(sys.argv[1]) as f:
        blocks = re.findall(r"^```yaml\n(.*?)^```", f.read(), re.M | re.S)
    if len(blocks) != 2:
        sys.exit("expected two ```yaml blocks, found %d" % len(blocks))
    github, gitlab = (yaml.safe_load(b) for b in blocks)

    steps = github["jobs"]["specs"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "sudo pktspec test specs/ -j 2 --junit out.xml" in runs, "GitHub: no pktspec test"
    report = [s for s in steps if "junit" in s.get("uses", "")]
    assert report and report[0]["with"]["report_paths"] == "out.xml", "GitHub: no JUnit report"
    assert report[0].get("if") == "always()", "GitHub: the report must run when specs fail"

    job = gitlab["pktspec-specs"]
    assert "pktspec test specs/ -j 2 --junit out.xml" in job["script"], "GitLab: no pktspec test"
    assert job["artifacts"]["reports"]["junit"] == "out.xml", "GitLab: no JUnit report"
    assert job["artifacts"]["when"] == "always", "GitLab: the report must be kept on failure"
    print("both jobs parse and publish out.xml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
