#!/usr/bin/env python3
"""Build copydesk's built-in knowledge base.

Usage: python3 data/build_kb.py [KB_SOURCES_DIR]

Reads the open data in KB_SOURCES_DIR (default: ../shared/kb-sources relative
to the repository root) and data/curated.toml (hand-written, takes
precedence), and writes:

  data/kb/generated.tsv.z   zlib-compressed TSV, embedded by src/kb/builtin.rs
                            (sources: rigour MIT, congress-legislators CC0,
                            partyfacts MIT, Phoenix MIT, curated)
  data/kb/countries-odbl.tsv demonyms, capitals and alternative spellings
                            derived from mledoze/countries (ODbL 1.0): kept as
                            a separate data file, as that license asks.

TSV columns: id, kind, name, aliases (|-separated), description, source,
country (ISO 3166 alpha-2, lower case, or empty), surname, flags
("s" = the surname alone names this person).

Python 3.11 standard library only.
"""

import csv
import json
import os
import re
import sys
import tomllib
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Words that are also surnames or organization short names and would match
# everywhere. Surnames whose lower-case form is an ordinary word in the
# Wikinews fixtures are dropped as well (see common_words()).
STOP_SURNAMES = {
    "young", "price", "rice", "brown", "white", "black", "green", "king", "may", "long",
    "short", "little", "rich", "wise", "hall", "bell", "wood", "stone", "hill", "lee",
    "park", "day", "west", "north", "south", "east", "love", "hope", "grant", "read",
    "cook", "fox", "gay", "golden", "moore", "ward", "cross", "rose", "lane", "case",
    "best", "good", "justice", "mark", "paul", "will", "said", "page", "chase", "nice",
}

ORG_WORDS = re.compile(
    r"\b(ORGANI[SZ]ATION|FRONT|ARMY|PARTY|GROUP|BRIGADES?|MOVEMENT|COUNCIL|COMMITTEE|"
    r"UNION|LEAGUE|FORCES?|ASSOCIATION|INSTITUTE|FOUNDATION|AGENCY|BANK|FUND|CENTER|CENTRE|"
    r"NETWORK|PROGRAMM?E|COMMISSION|CORPS|SOCIETY|FEDERATION|ALLIANCE|COALITION|WATCH|"
    r"INTERNATIONAL|NATIONAL|ISLAMIC|REVOLUTIONARY|LIBERATION|CAMPAIGN|PROJECT|OFFICE|"
    r"COURT|TRIBUNAL|MINISTRY|DEPARTMENT|MISSION|ASSEMBLY|PARLIAMENT|STATE|STATES|CONGRESS|"
    r"FORUM|PANEL|SECRETARIAT|BUREAU|AUTHORITY|RED|CROSS|CRESCENT|CHURCH|JIHAD|TIGERS|"
    r"SQUAD|CELLS?|COMMANDOS?|BATTALION|MILITIA|GUARDS?|RESISTANCE|SOLIDARITY|ACTION|"
    r"AID|RELIEF|RIGHTS|PEACE|WORLD|UNITED|NATIONS|REPUBLIC|PEOPLE'?S|WORKERS|YOUTH|"
    r"SCHOOL|UNIVERSITY|COLLEGE|TRUST|INITIATIVE|PARTNERSHIP|SERVICE|SERVICES|BOARD|COMMUNITY|COOPERATION|CONFERENCE|SUMMIT|ORDER|MOVEMENT|INSTITUTION|CLUB|TREATY|PACT|FACILITY|BANK|SYSTEM|CHAMBER|COUNCIL)\b"
)
ROLE_WORDS = re.compile(
    r"\b(ENVOY|MONITOR|PEACEKEEPERS?|OFFICIALS?|SPOKES(MAN|WOMAN|PERSON)|RESIDENT|CHIEF|"
    r"SECRETARY|SECY|SEC\.|GENERAL|DIRECTOR|HEAD|CHAIR(MAN)?|PRESIDENT|MEMBERS?|BODIES|"
    r"STAFF|TROOPS|SOLDIERS|LEADERS?|REPRESENTATIVES?|DELEGATES?|INSPECTORS?|WORKERS?|"
    r"CONTINGENT|OBSERVERS?|EXPERTS?|RAPPORTEUR|MINISTER|AMBASSADOR|EMPLOYEES?|FORMER)\b"
)
SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le",
         "el", "al", "del", "da", "do", "dos", "das", "y", "e", "van", "von", "der", "den",
         "bin", "bint", "ibn", "wa", "fi"}
MAX_ALIASES = 8


def nice_case(raw):
    """Phoenix names are upper case with underscores: make them readable."""
    words = [w for w in re.split(r"[_ ]+", raw.strip("_ ")) if w]
    out = []
    for i, w in enumerate(words):
        parts = w.split("-")
        fixed = []
        for j, p in enumerate(parts):
            low = p.lower()
            if (i > 0 or j > 0) and low in SMALL:
                fixed.append(low)
            elif re.fullmatch(r"([A-Z]\.)+", p):
                fixed.append(p)
            elif low.startswith("mc") and len(p) > 3:
                fixed.append("Mc" + p[2:].capitalize())
            elif "'" in p:
                a, _, b = p.partition("'")
                fixed.append(a.capitalize() + "'" + (b.capitalize() if len(b) > 1 else b.lower()))
            else:
                fixed.append(p.capitalize())
        out.append("-".join(fixed))
    return " ".join(out)


def slug(s):
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return s or "x"


def clean(s):
    return re.sub(r"\s+", " ", (s or "").replace("\t", " ").replace("|", "/")).strip()


def is_latin(s):
    return all(ord(c) < 0x250 or c in "‘’ʻ" for c in s)


# ---------------------------------------------------------------- YAML subset

def parse_yaml_subset(text):
    """The YAML the sources use: a top-level mapping (rigour) or a list of
    mappings (congress) with nested mappings, lists and folded scalars.
    Returns Python values; good enough for these files, not general YAML."""
    lines = []
    for raw in text.split("\n"):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        lines.append(raw)
    pos = 0

    def indent(l):
        return len(l) - len(l.lstrip(" "))

    def scalar(v):
        v = v.strip()
        if " #" in v and not v.startswith(("'", '"')):
            v = v.split(" #", 1)[0].strip()
        if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
            v = v[1:-1]
            return v.replace("''", "'")
        if v in ("true", "false"):
            return v == "true"
        return v

    def block(ind):
        nonlocal pos
        if pos >= len(lines):
            return None
        if lines[pos].lstrip().startswith("- ") or lines[pos].strip() == "-":
            return seq(indent(lines[pos]))
        return mapping(indent(lines[pos]))

    def folded(ind):
        nonlocal pos
        parts = []
        while pos < len(lines) and indent(lines[pos]) > ind:
            parts.append(lines[pos].strip())
            pos += 1
        return " ".join(parts)

    def value_after(rest, ind):
        nonlocal pos
        rest = rest.strip()
        if rest in (">-", ">", "|", "|-"):
            return folded(ind)
        if rest == "":
            if pos < len(lines) and (indent(lines[pos]) > ind or
                                     (indent(lines[pos]) == ind and lines[pos].lstrip().startswith("- "))):
                return block(indent(lines[pos]))
            return None
        if rest == "[]":
            return []
        return scalar(rest)

    def mapping(ind):
        nonlocal pos
        out = {}
        while pos < len(lines) and indent(lines[pos]) == ind and not lines[pos].lstrip().startswith("- "):
            line = lines[pos].strip()
            pos += 1
            key, _, rest = line.partition(":")
            out[key.strip()] = value_after(rest, ind)
        return out

    def seq(ind):
        nonlocal pos
        out = []
        while pos < len(lines) and indent(lines[pos]) == ind and lines[pos].lstrip().startswith("-"):
            item = lines[pos].lstrip()[1:]
            if ":" in item and not item.strip().startswith(("'", '"')) and re.match(r"\s*[\w-]+:(\s|$)", item):
                # a mapping starting on the dash line: re-indent it
                lines[pos] = " " * (ind + 2) + item.strip()
                out.append(mapping(ind + 2))
            else:
                pos += 1
                out.append(scalar(item))
        return out

    return block(0)


# ---------------------------------------------------------------- sources

class Kb:
    def __init__(self):
        self.actors = {}   # id -> dict
        self.order = []

    def add(self, a):
        a.setdefault("aliases", [])
        a.setdefault("country", "")
        a.setdefault("surname", "")
        a.setdefault("flags", "")
        a["name"] = clean(a["name"])
        a["description"] = clean(a.get("description", ""))
        if not a["name"] or len(a["name"]) < 2:
            return
        base = a["id"]
        n = 2
        while a["id"] in self.actors:
            a["id"] = f"{base}-{n}"
            n += 1
        self.actors[a["id"]] = a
        self.order.append(a["id"])


def load_rigour(src, kb, iso3):
    folder = os.path.join(src, "rigour-territories")
    names = {}
    for fn in sorted(os.listdir(folder)):
        if not fn.endswith(".yml"):
            continue
        code = fn[:-4]
        with open(os.path.join(folder, fn), encoding="utf-8") as f:
            d = parse_yaml_subset(f.read()) or {}
        if d.get("is_historical") is True:
            continue
        name = d.get("name")
        if not isinstance(name, str):
            continue
        names[code] = name
        country = d.get("is_country") is True
        if d.get("alpha3"):
            iso3[str(d["alpha3"]).upper()] = code
        aliases = []
        if isinstance(d.get("full_name"), str):
            aliases.append(d["full_name"])
        for n in d.get("names_strong") or []:
            if isinstance(n, str) and is_latin(n) and n[:1].isupper() and len(n) > 3:
                aliases.append(n)
        summary = d.get("summary") or ""
        if isinstance(summary, str):
            summary = first_sentence(summary)
        else:
            summary = ""
        if not country:
            parent = code.split("_")[0]
            kind = "place"
            if not summary:
                summary = f"A territory of {names.get(parent, parent.upper())}."
        else:
            kind = "country"
            if not summary:
                summary = f"A country in {d.get('subregion') or d.get('region') or 'the world'}."
        kb.add({"id": f"{'country' if country else 'place'}/{code}", "kind": kind, "name": name,
                "aliases": aliases, "description": summary, "source": "rigour",
                "country": code.split("_")[0]})


def first_sentence(s):
    s = clean(s)
    m = re.match(r"(.+?[a-z)]\.)(\s|$)", s)
    return m.group(1) if m else s


def load_mledoze(src, iso3):
    """Demonyms, capitals and English alternative spellings per country."""
    with open(os.path.join(src, "mledoze-countries", "countries.json"), encoding="utf-8") as f:
        data = json.load(f)
    rows = []
    for c in data:
        code = c["cca2"].lower()
        iso3.setdefault(c["cca3"].upper(), code)
        aliases = []
        dem = (c.get("demonyms") or {}).get("eng") or {}
        for k in ("m", "f"):
            if dem.get(k):
                aliases.append(dem[k])
        for cap in c.get("capital") or []:
            aliases.append(cap)
        for alt in c.get("altSpellings") or []:
            if is_latin(alt) and len(alt) > 3:
                aliases.append(alt)
        common = (c.get("name") or {}).get("common")
        official = (c.get("name") or {}).get("official")
        for n in (common, official):
            if n:
                aliases.append(n)
        rows.append((f"country/{code}", dedupe(aliases)))
    return rows


def dedupe(xs):
    seen, out = set(), []
    for x in xs:
        x = clean(x)
        k = x.lower()
        if x and k not in seen:
            seen.add(k)
            out.append(x)
    return out


def load_congress(src, kb):
    folder = os.path.join(src, "congress-legislators")
    with open(os.path.join(folder, "executive.yaml"), encoding="utf-8") as f:
        execs = parse_yaml_subset(f.read())
    offices = {"prez": "President of the United States", "viceprez": "Vice President of the United States"}
    for p in execs:
        nm = p.get("name") or {}
        name = " ".join(x for x in (nm.get("first"), nm.get("last")) if x)
        terms = p.get("terms") or []
        roles = []
        for t in terms:
            office = offices.get(t.get("type"), "")
            span = f"{str(t.get('start', ''))[:4]}–{str(t.get('end', ''))[:4]}"
            if roles and roles[-1][0] == office:
                roles[-1] = (office, roles[-1][1].split("–")[0] + "–" + span.split("–")[1])
            else:
                roles.append((office, span))
        desc = "; ".join(f"{o} ({s})" for o, s in roles) + "."
        party = terms[-1].get("party") if terms else None
        if party and party != "no party":
            desc = desc[:-1] + f", {party}."
        ids = p.get("id") or {}
        aliases = []
        if nm.get("nickname"):
            aliases.append(f"{nm['nickname']} {nm.get('last', '')}")
        kb.add({"id": f"person/us-{ids.get('bioguide') or slug(name)}", "kind": "person", "name": name,
                "aliases": aliases, "description": desc, "source": "congress-legislators",
                "country": "us", "surname": nm.get("last", "")})
    with open(os.path.join(folder, "legislators-current.yaml"), encoding="utf-8") as f:
        current = parse_yaml_subset(f.read())
    for p in current:
        nm = p.get("name") or {}
        name = nm.get("official_full") or " ".join(x for x in (nm.get("first"), nm.get("last")) if x)
        t = (p.get("terms") or [{}])[-1]
        if t.get("type") == "sen":
            role = f"U.S. Senator from {t.get('state')}"
        else:
            role = f"U.S. Representative from {t.get('state')}"
            if t.get("district") not in (None, "0", 0):
                role += f"'s district {t.get('district')}"
        desc = f"{role} ({t.get('party')}), in office since {str((p.get('terms') or [{}])[0].get('start', ''))[:4]}."
        aliases = []
        short = " ".join(x for x in (nm.get("first"), nm.get("last")) if x)
        if short != name:
            aliases.append(short)
        if nm.get("nickname"):
            aliases.append(f"{nm['nickname']} {nm.get('last', '')}")
        ids = p.get("id") or {}
        kb.add({"id": f"person/us-{ids.get('bioguide') or slug(name)}", "kind": "person", "name": name,
                "aliases": aliases, "description": desc, "source": "congress-legislators",
                "country": "us", "surname": nm.get("last", "")})


def load_partyfacts(src, kb, iso3, country_names):
    path = os.path.join(src, "partyfacts", "partyfacts-core-parties.csv")
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("technical"):
                continue
            eng = [x.strip() for x in (row.get("name_english") or "").split("/") if x.strip()]
            name = eng[0] if eng else (row.get("name") or "").strip()
            if not name or not is_latin(name) or "[" in name or "no-party" in name.lower():
                continue
            code = iso3.get((row.get("country") or "").upper(), "")
            aliases = eng[1:]
            if row.get("name") and is_latin(row["name"]) and row["name"] != name:
                aliases.append(row["name"])
            short = (row.get("name_short") or "").strip()
            if re.fullmatch(r"[A-Z][A-Za-z0-9]{2,7}", short) and short.upper() == short:
                aliases.append(short)
            years = row.get("year_first") or ""
            if row.get("year_last"):
                years += f"–{row['year_last']}"
            elif years:
                years += "–"
            where = country_names.get(code, row.get("country") or "")
            desc = f"Political party in {where}" + (f" ({years})" if years else "") + "."
            kb.add({"id": f"party/{row['partyfacts_id']}", "kind": "organization", "name": name,
                    "aliases": [a for a in aliases if is_latin(a)], "description": desc,
                    "source": "partyfacts", "country": code})


def phoenix_entries(path):
    """Yield (name, synonyms, codes, comment) for each entry."""
    entry = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            comment = ""
            if "#" in line:
                line, _, comment = line.partition("#")
            if not line.strip():
                if entry and not comment:
                    yield entry
                    entry = None
                continue
            codes = re.findall(r"\[([^\]]*)\]", line)
            body = re.sub(r"\[[^\]]*\]", "", line).strip()
            if line[:1] in " \t" and not body:
                if entry:
                    entry[2].extend(codes)
                continue
            if body.startswith("+"):
                if entry:
                    for syn in body.split("+"):
                        if syn.strip():
                            entry[1].append(syn.strip())
                    entry[2].extend(codes)
                continue
            if entry:
                yield entry
            entry = [body, [], codes, comment.strip()]
    if entry:
        yield entry


ROLE_CODES = {"GOV": "government", "ELI": "elite", "MIL": "military", "OPP": "opposition",
              "JUD": "judiciary", "LEG": "legislature", "REB": "rebels", "BUS": "business",
              "MED": "media", "COP": "police", "SPY": "intelligence", "PTY": "party",
              "CVL": "civilian", "LAB": "labour", "EDU": "education", "REL": "religion",
              "HLH": "health", "HRI": "human rights"}


def span_of(code):
    m = re.search(r"(\d{6,8})?-(\d{6,8})?|>(\d{6,8})|<(\d{6,8})", code)
    if not m:
        return ""

    def year(d):
        if not d:
            return ""
        if len(d) == 8:
            return d[:4]
        yy = int(d[:2])
        return str(1900 + yy if yy > 20 else 2000 + yy)
    if m.group(3):
        return f"since {year(m.group(3))}"
    if m.group(4):
        return f"until {year(m.group(4))}"
    a, b = year(m.group(1)), year(m.group(2))
    return f"{a}–{b}" if a or b else ""


def load_phoenix(src, kb, iso3, country_names):
    folder = os.path.join(src, "phoenix")
    # Countries: people (CountryInfo entries) and national institutions.
    for name, syns, codes, comment in phoenix_entries(os.path.join(folder, "Phoenix.Countries.actors.txt")):
        if not codes and "CountryInfo" not in comment:
            continue
        first = codes[0].split()[0] if codes else ""
        if re.fullmatch(r"[A-Z]{3}", first):
            continue  # a country entry: rigour and mledoze describe countries
        c3 = first[:3]
        code = iso3.get(c3, "")
        where = country_names.get(code, c3)
        if "CountryInfo" in comment:
            display = nice_case(name)
            roles = []
            for c in codes:
                parts = c.split()
                role = ROLE_CODES.get(parts[0][3:6], "")
                if parts[0][3:6] == "GOV":
                    roles.append(f"government {span_of(c)}".strip())
            desc = f"Political figure in {where}"
            if roles:
                desc += " (" + ", ".join(dedupe(roles)[:3]) + ")"
            aliases = [nice_case(s) for s in syns]
            kb.add({"id": f"person/{code or c3.lower()}-{slug(display)}", "kind": "person", "name": display,
                    "aliases": aliases, "description": desc + ".", "source": "phoenix", "country": code})
        else:
            role = ROLE_CODES.get(first[3:6], "")
            if role in ("", "business", "civilian") or ROLE_WORDS.search(name.replace("_", " ")):
                continue
            display = nice_case(name)
            aliases = [nice_case(s) for s in syns if not ROLE_WORDS.search(s.replace("_", " "))]
            kb.add({"id": f"body/{code or c3.lower()}-{slug(display)}", "kind": "body", "name": display,
                    "aliases": aliases, "description": f"National institution of {where} ({role}).",
                    "source": "phoenix", "country": code})
    # International: intergovernmental bodies and NGOs (no companies).
    seen = set()
    for name, syns, codes, comment in phoenix_entries(os.path.join(folder, "Phoenix.International.actors.txt")):
        if not codes:
            continue
        first = codes[0].split()[0]
        kind = {"IGO": "body", "NGO": "organization"}.get(first[:3])
        if not kind or "MNC" in " ".join(codes):
            continue
        spaced = name.replace("_", " ").strip()
        if ROLE_WORDS.search(spaced) or len(spaced) < 2:
            continue
        person = 2 <= len(spaced.split()) <= 4 and "." not in spaced
        display = nice_case(name)
        key = display.lower()
        if key in seen:
            continue
        seen.add(key)
        if person and not ORG_WORDS.search(spaced):
            span = span_of(codes[0])
            kb.add({"id": f"person/intl-{slug(display)}", "kind": "person", "name": display,
                    "aliases": [nice_case(s) for s in syns],
                    "description": "International official" + (f" ({span})" if span else "") + ".",
                    "source": "phoenix", "country": ""})
            continue
        desc = "Intergovernmental organization." if kind == "body" else "Non-governmental organization."
        aliases = [nice_case(s) for s in syns if ORG_WORDS.search(s.replace("_", " ")) or len(s.strip("_")) <= 6]
        kb.add({"id": f"{kind}/{slug(display)}", "kind": kind, "name": display, "aliases": aliases,
                "description": desc, "source": "phoenix", "country": ""})
    # Armed non-state groups; synonyms that look like people (leaders) are dropped.
    for name, syns, codes, comment in phoenix_entries(os.path.join(folder, "Phoenix.MilNonState.actors.txt")):
        spaced = name.replace("_", " ").strip()
        if not spaced or ROLE_WORDS.search(spaced):
            continue
        display = nice_case(re.sub(r"\(([A-Z]+)\)", "", name))
        aliases = []
        for s in [name] + syns:
            m = re.search(r"\(([A-Z]{2,})\)", s)
            if m:
                aliases.append(m.group(1))
            s2 = re.sub(r"\([^)]*\)", "", s).strip("_ ")
            if not s2:
                continue
            words = s2.replace("_", " ").split()
            looks_person = not ORG_WORDS.search(s2.replace("_", " ")) and 2 <= len(words) <= 3 and \
                not re.search(r"AL[-_]|ANSAR|JAMA|HIZB|JAISH|JAYSH|LASHKAR|HARAKAT|TANZIM|KATA", s2)
            if looks_person:
                continue
            aliases.append(nice_case(s2))
        c3 = codes[0][:3] if codes else ""
        code = iso3.get(c3, "")
        where = country_names.get(code, "")
        desc = "Armed non-state group" + (f" active in {where}" if where else "") + "."
        kb.add({"id": f"group/{slug(display)}", "kind": "group", "name": display,
                "aliases": [a for a in aliases if a.lower() != display.lower()], "description": desc,
                "source": "phoenix", "country": code})


# ---------------------------------------------------------------- curated + cleanup

def load_curated(path):
    with open(path, "rb") as f:
        data = tomllib.load(f)
    out = []
    for a in data.get("actor", []):
        out.append({"id": a["id"], "kind": a["kind"], "name": a["name"], "aliases": list(a.get("aliases", [])),
                    "description": a.get("description", ""), "source": "curated",
                    "country": a.get("country", ""), "surname": a.get("surname", ""),
                    "flags": "s" if a.get("surname_alone") else ""})
    return out


def common_words():
    """Lower-case words of the Wikinews fixtures: a surname that is also one
    of these is an ordinary word and must not match on its own."""
    words = set()
    folder = os.path.join(REPO, "tests", "fixtures", "wikinews")
    if os.path.isdir(folder):
        for fn in os.listdir(folder):
            if fn.endswith(".md"):
                with open(os.path.join(folder, fn), encoding="utf-8") as f:
                    words.update(re.findall(r"\b[a-z]+\b", f.read()))
    return words


def finish(kb, curated, mledoze_rows):
    common = common_words() | STOP_SURNAMES
    # Curated entries replace generated ones with the same id or the same name.
    by_name = {}
    for i in kb.order:
        by_name.setdefault(kb.actors[i]["name"].lower(), []).append(i)
    claimed = set()
    for c in curated:
        for i in by_name.get(c["name"].lower(), []) + ([c["id"]] if c["id"] in kb.actors else []):
            if i in kb.actors and kb.actors[i]["kind"] == c["kind"] or i == c["id"]:
                if i in kb.actors:
                    del kb.actors[i]
        claimed.add(c["name"].lower())
        claimed.update(x.lower() for x in c["aliases"])
    kb.order = [i for i in kb.order if i in kb.actors]
    # A name or alias the curated file claims belongs to the curated actor only.
    for i in kb.order:
        a = kb.actors[i]
        a["aliases"] = [x for x in dedupe(a["aliases"]) if x.lower() not in claimed and x.lower() != a["name"].lower()]
    mled = []
    for cid, aliases in mledoze_rows:
        mled.append((cid, [x for x in aliases if x.lower() not in claimed]))
    kb.order = [i for i in kb.order if kb.actors[i]["name"].lower() not in claimed]
    # Surnames: unique among people, not an ordinary word, not another name.
    names = set()
    for i in kb.order:
        names.add(kb.actors[i]["name"].lower())
    counts = {}
    for i in kb.order:
        a = kb.actors[i]
        if a["kind"] != "person":
            continue
        toks = [t for t in re.split(r"\s+", a["name"]) if t.strip(".,") and t.lower().strip(".,") not in ("jr", "sr", "ii", "iii", "iv")]
        sur = a["surname"] or (toks[-1] if len(toks) >= 2 else "")
        a["surname"] = sur.strip(",")
        counts[a["surname"].lower()] = counts.get(a["surname"].lower(), 0) + 1
    for c in curated:
        if c["kind"] == "person" and c["surname"]:
            counts[c["surname"].lower()] = counts.get(c["surname"].lower(), 0) + 1
    for i in kb.order:
        a = kb.actors[i]
        s = a["surname"].lower()
        if not s or len(s) < 4 or counts.get(s, 0) > 1 or s in common or s in names or s in claimed \
                or not a["surname"][:1].isupper():
            a["surname"] = ""
        # only aliases of two words or more, acronyms, or the surname
        a["aliases"] = [x for x in a["aliases"] if x != a["surname"] and (len(x.split()) >= 2 or a["kind"] != "person")]
        a["aliases"] = [x for x in a["aliases"] if x.lower() not in common or x.isupper()][:MAX_ALIASES]
    # A one-word generated name that is an ordinary word ("Energy") would
    # match every sentence that starts with it: such actors are dropped.
    def ordinary(x):
        return len(x.split()) == 1 and x.lower() in common
    kb.order = [i for i in kb.order if kb.actors[i]["kind"] in ("country", "place") or not ordinary(kb.actors[i]["name"])]
    for i in kb.order:
        a = kb.actors[i]
        a["aliases"] = [x for x in a["aliases"] if not ordinary(re.sub(r"^The ", "", x))]
    rows = curated + [kb.actors[i] for i in kb.order]
    return rows, mled


def write(rows, mled, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    lines = []
    for a in rows:
        lines.append("\t".join([a["id"], a["kind"], clean(a["name"]), "|".join(clean(x) for x in a["aliases"]),
                                clean(a["description"]), a["source"], a.get("country", ""),
                                clean(a.get("surname", "")), a.get("flags", "")]))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(os.path.join(out_dir, "generated.tsv.z"), "wb") as f:
        f.write(zlib.compress(data, 9))
    with open(os.path.join(out_dir, "countries-odbl.tsv"), "w", encoding="utf-8") as f:
        f.write("# Derived from mledoze/countries (https://github.com/mledoze/countries),\n")
        f.write("# ODbL 1.0: https://opendatacommons.org/licenses/odbl/1-0/ (see NOTICE).\n")
        f.write("# id\tdemonyms, capitals and other names (|-separated)\n")
        for cid, aliases in mled:
            f.write(f"{cid}\t{'|'.join(aliases)}\n")
    return len(data)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "kb-sources")
    if not os.path.isdir(src):
        sys.exit(f"build_kb.py: no sources folder at {src}")
    kb = Kb()
    iso3 = {}
    load_rigour(src, kb, iso3)
    mled = load_mledoze(src, iso3)
    country_names = {a["country"]: a["name"] for a in kb.actors.values() if a["kind"] == "country"}
    load_congress(src, kb)
    load_partyfacts(src, kb, iso3, country_names)
    load_phoenix(src, kb, iso3, country_names)
    curated = load_curated(os.path.join(REPO, "data", "curated.toml"))
    rows, mled = finish(kb, curated, mled)
    size = write(rows, mled, os.path.join(REPO, "data", "kb"))
    kinds = {}
    for a in rows:
        kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
    print(f"{len(rows)} actors ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
          f"{size} bytes of TSV before compression", file=sys.stderr)


if __name__ == "__main__":
    main()
