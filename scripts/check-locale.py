#!/usr/bin/env python3
"""Quick check of interface catalogs against English, without a Rust build
(the real test is crates/core/tests/catalogs.rs): keys, plural forms,
placeholders. Usage: scripts/check-locale.py ur ar ..."""
import json, re, sys, pathlib

PLURALS = {"en": ["one", "other"], "ur": ["one", "other"], "hi": ["one", "other"],
           "ar": ["zero", "one", "two", "few", "many", "other"], "fa": ["one", "other"],
           "es": ["one", "many", "other"], "fr": ["one", "many", "other"],
           "de": ["one", "other"], "pt": ["one", "many", "other"]}
dir = pathlib.Path(__file__).resolve().parent.parent / "public" / "locales"
en = {k: v for k, v in json.loads((dir / "en.json").read_text()).items() if not k.startswith("@")}
ph = lambda t: set(re.findall(r"\{([^}]*)\}", t))
forms = lambda v: list(v.values()) if isinstance(v, dict) else [v]
bad = 0
for code in sys.argv[1:]:
    cat = {k: v for k, v in json.loads((dir / f"{code}.json").read_text()).items() if not k.startswith("@")}
    for k in en.keys() - cat.keys(): print(f"{code}: lacks {k}"); bad += 1
    for k in cat.keys() - en.keys(): print(f"{code}: extra {k}"); bad += 1
    for k in en.keys() & cat.keys():
        e, c = en[k], cat[k]
        if isinstance(e, dict) != isinstance(c, dict): print(f"{code}: {k} count/text mismatch"); bad += 1; continue
        if isinstance(c, dict) and sorted(c) != sorted(PLURALS[code]): print(f"{code}: {k} forms {sorted(c)} need {PLURALS[code]}"); bad += 1
        args = set().union(*[ph(t) for t in forms(e)])
        for t in forms(c):
            if not ph(t) <= args or not (args - {"n"}) <= ph(t): print(f"{code}: {k} placeholders in {t!r}, English {args}"); bad += 1
print("ok" if not bad else f"{bad} problems")
sys.exit(1 if bad else 0)
