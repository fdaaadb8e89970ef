"""Benchmark glossary matching: build and match time for 1k, 10k and 100k generated concepts, and the house glossary.

Generates concepts that look like a newsroom glossary (people with English,
Korean and Vietnamese forms of their names, titles, organisations, laws; many
multi-word) and about 1 MB (UTF-8) of mixed text, one third each in English,
Korean and Vietnamese, mentioning terms at newsroom density (about one term
per 12 words, Korean terms with particles). Each third is matched in its own
language; match time is the total of the three calls, the best of ``--repeat``
runs, as wall-clock and as CPU time of this process (the CPU figure is the one to
trust on a busy machine). The house glossary (``--house``) is measured as it is
and grown ``--scale`` times with generated concepts (:func:`scaled`: 5x is the size
the house glossary is planned to reach), on text written from its own terms. Fixed seed::

    PYTHONPATH=src python3 benchmarks/glossary.py [--sizes 1000 10000 100000] [--repeat 5]
        [--house glossaries] [--scale 1 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from transkit.glossary.matcher import Matcher
from transkit.glossary.model import Concept, Glossary, Term
from transkit.glossary.store import load

SEED = 20240212
TEXT_BYTES = 1_000_000

# English syllable -> Korean transcription, so a generated name has both forms.
SYLLABLES = [
    ("har", "해"),
    ("ring", "링"),
    ("ton", "턴"),
    ("camp", "캠"),
    ("bell", "벨"),
    ("mil", "밀"),
    ("ler", "러"),
    ("son", "슨"),
    ("ford", "퍼드"),
    ("ber", "버"),
    ("ger", "거"),
    ("man", "먼"),
    ("kel", "켈"),
    ("ly", "리"),
    ("mor", "모"),
    ("gan", "건"),
    ("wal", "월"),
    ("ker", "커"),
    ("den", "든"),
    ("ris", "리스"),
    ("nel", "넬"),
    ("son", "선"),
    ("dal", "달"),
    ("ton", "톤"),
    ("fin", "핀"),
    ("ner", "너"),
    ("bla", "블라"),
    ("ken", "켄"),
    ("sul", "설"),
    ("van", "밴"),
    ("ro", "로"),
    ("bi", "비"),
    ("ca", "카"),
    ("sey", "시"),
    ("mat", "맷"),
    ("thews", "슈스"),
]
FIRST_NAMES = [
    ("John", "존"),
    ("Mary", "메리"),
    ("Kurt", "커트"),
    ("Antony", "앤터니"),
    ("Jake", "제이크"),
    ("Linda", "린다"),
    ("Daniel", "대니얼"),
    ("Sarah", "세라"),
    ("Marco", "마코"),
    ("Jon", "존"),
    ("Karen", "캐런"),
    ("Thomas", "토머스"),
    ("Emily", "에밀리"),
    ("Robert", "로버트"),
    ("Grace", "그레이스"),
]
EN_FIRST = {first for first, _ in FIRST_NAMES}
KO_SURNAMES = [
    ("Kim", "김"),
    ("Lee", "이"),
    ("Park", "박"),
    ("Choi", "최"),
    ("Jung", "정"),
    ("Kang", "강"),
    ("Cho", "조"),
    ("Yoon", "윤"),
    ("Jang", "장"),
    ("Lim", "임"),
    ("Han", "한"),
    ("Oh", "오"),
]
KO_GIVEN = [
    ("min", "민"),
    ("jun", "준"),
    ("seo", "서"),
    ("yeon", "연"),
    ("ji", "지"),
    ("hoon", "훈"),
    ("hyun", "현"),
    ("woo", "우"),
    ("jae", "재"),
    ("young", "영"),
    ("soo", "수"),
    ("tae", "태"),
    ("yul", "열"),
    ("sang", "상"),
    ("mok", "목"),
    ("hong", "홍"),
    ("kyun", "균"),
    ("duck", "덕"),
]
VI_SURNAMES = [
    ("Nguyen", "Nguyễn", "응우옌"),
    ("Tran", "Trần", "쩐"),
    ("Le", "Lê", "레"),
    ("Pham", "Phạm", "팜"),
    ("Hoang", "Hoàng", "호앙"),
    ("Bui", "Bùi", "부이"),
    ("Do", "Đỗ", "도"),
    ("Vu", "Vũ", "부"),
]
VI_MIDDLE = [
    ("Van", "Văn", "반"),
    ("Thi", "Thị", "티"),
    ("Thanh", "Thanh", "타잉"),
    ("Hoai", "Hoài", "화이"),
    ("Minh", "Minh", "민"),
    ("Duc", "Đức", "득"),
]
VI_GIVEN = [
    ("Son", "Sơn", "썬"),
    ("Trung", "Trung", "쭝"),
    ("Lam", "Lâm", "럼"),
    ("Cuong", "Cường", "끄엉"),
    ("Hoa", "Hòa", "호아"),
    ("Thuy", "Thủy", "투이"),
    ("An", "An", "안"),
    ("Binh", "Bình", "빈"),
    ("Dung", "Dũng", "중"),
    ("Ha", "Hà", "하"),
    ("Nam", "Nam", "남"),
    ("Long", "Long", "롱"),
]
COUNTRIES = [
    ("US", "미국", "Mỹ"),
    ("Korea", "한국", "Hàn Quốc"),
    ("Viet Nam", "베트남", "Việt Nam"),
    ("Japan", "일본", "Nhật Bản"),
    ("China", "중국", "Trung Quốc"),
    ("France", "프랑스", "Pháp"),
]
DOMAINS = [
    ("Foreign Affairs", "외교", "Ngoại giao"),
    ("Defence", "국방", "Quốc phòng"),
    ("Finance", "재정", "Tài chính"),
    ("Trade", "통상", "Thương mại"),
    ("Health", "보건", "Y tế"),
    ("Education", "교육", "Giáo dục"),
    ("Justice", "법무", "Tư pháp"),
    ("Energy", "에너지", "Năng lượng"),
    ("Culture", "문화", "Văn hóa"),
    ("Labour", "노동", "Lao động"),
    ("Agriculture", "농업", "Nông nghiệp"),
]
RANKS = [
    ("Minister", "장관", "Bộ trưởng"),
    ("Deputy Minister", "차관", "Thứ trưởng"),
    ("Vice Minister", "부차관", "Phó Thứ trưởng"),
    ("Director-General", "국장", "Tổng cục trưởng"),
    ("Spokesperson", "대변인", "Người phát ngôn"),
    ("Special Envoy", "특사", "Đặc phái viên"),
]
LAW_WORDS = [
    ("Inflation", "인플레이션", "Lạm phát"),
    ("Reduction", "감축", "Giảm"),
    ("Science", "과학", "Khoa học"),
    ("Semiconductor", "반도체", "Bán dẫn"),
    ("Climate", "기후", "Khí hậu"),
    ("Data", "데이터", "Dữ liệu"),
    ("Privacy", "개인정보", "Quyền riêng tư"),
    ("Security", "안보", "An ninh"),
    ("Water", "수자원", "Nước"),
]

EN_FILLER = [
    "the",
    "said",
    "on",
    "that",
    "in",
    "a",
    "talks",
    "with",
    "of",
    "and",
    "for",
    "meeting",
    "officials",
    "visit",
    "week",
    "agreed",
    "discussed",
    "cooperation",
    "government",
    "spoke",
    "told",
    "reporters",
    "during",
    "between",
    "two",
    "countries",
    "new",
    "plan",
    "on",
    "Monday",
    "Tuesday",
    "region",
    "support",
    "economic",
    "security",
    "issues",
    "statement",
    "press",
    "also",
    "their",
]
KO_FILLER = [
    "이번",
    "회담에서",
    "양국은",
    "협력을",
    "강화하기로",
    "했다",
    "정부는",
    "발표했다",
    "관계자들은",
    "기자들에게",
    "말했다",
    "지난주",
    "방문",
    "중",
    "경제",
    "안보",
    "문제를",
    "논의했다",
    "새로운",
    "계획을",
    "월요일",
    "지역",
    "지원",
    "성명을",
    "통해",
    "또한",
    "밝혔다",
]
KO_PARTICLES = ["은", "는", "이", "가", "을", "를", "과", "와", "에서", "에게", "의", "도", "으로", "로", ""]
VI_FILLER = [
    "trong",
    "cuộc",
    "hội",
    "đàm",
    "hai",
    "nước",
    "đã",
    "nhất",
    "trí",
    "tăng",
    "cường",
    "hợp",
    "tác",
    "chính",
    "phủ",
    "cho",
    "biết",
    "các",
    "quan",
    "chức",
    "phát",
    "biểu",
    "với",
    "báo",
    "chí",
    "tuần",
    "trước",
    "chuyến",
    "thăm",
    "kinh",
    "tế",
    "an",
    "ninh",
    "vấn",
    "đề",
    "kế",
    "hoạch",
    "mới",
    "thứ",
    "Hai",
    "khu",
    "vực",
    "hỗ",
    "trợ",
    "tuyên",
    "bố",
    "cũng",
]


def _person(rng: random.Random) -> tuple[str, str, str]:
    kind = rng.random()
    if kind < 0.4:  # an English name
        first = rng.choice(FIRST_NAMES)
        parts = rng.sample(SYLLABLES, rng.randint(2, 3))
        last_en = "".join(p[0] for p in parts).capitalize()
        last_ko = "".join(p[1] for p in parts)
        return f"{first[0]} {last_en}", f"{first[1]} {last_ko}", f"{first[0]} {last_en}"
    if kind < 0.7:  # a Korean name
        sur = rng.choice(KO_SURNAMES)
        a, b = rng.choice(KO_GIVEN), rng.choice(KO_GIVEN)
        en = f"{sur[0]} {a[0].capitalize()}-{b[0]}"
        return en, sur[1] + a[1] + b[1], en
    sur, mid, giv = rng.choice(VI_SURNAMES), rng.choice(VI_MIDDLE), rng.choice(VI_GIVEN)
    extra = rng.choice(VI_GIVEN)  # four-syllable names keep 100k people distinct
    return (
        f"{sur[0]} {mid[0]} {extra[0]} {giv[0]}",
        f"{sur[2]} {mid[2]} {extra[2]} {giv[2]}",
        f"{sur[1]} {mid[1]} {extra[1]} {giv[1]}",
    )


def _title(rng: random.Random) -> tuple[str, str, str]:
    rank, dom, ctry = rng.choice(RANKS), rng.choice(DOMAINS), rng.choice(COUNTRIES)
    return (f"{ctry[0]} {rank[0]} of {dom[0]}", f"{ctry[1]} {dom[1]}부 {rank[1]}", f"{rank[2]} Bộ {dom[2]} {ctry[2]}")


def _law(rng: random.Random) -> tuple[str, str, str]:
    words = rng.sample(LAW_WORDS, 3)
    year = rng.randint(1950, 2025)
    return (
        " ".join(w[0] for w in words) + f" Act of {year}",
        " ".join(w[1] for w in words) + f"법({year})",
        "Luật " + " ".join(w[2] for w in words) + f" năm {year}",
    )


def make_glossary(size: int, rng: random.Random) -> Glossary:
    concepts: dict[str, Concept] = {}
    seen: set[tuple[str, str, str]] = set()
    makers = [("person", _person, 0.6), ("title", _title, 0.25), ("law", _law, 0.15)]
    while len(concepts) < size:
        r = rng.random()
        kind, maker = next((k, m) for k, m, p in _cumulative(makers) if r < p)
        forms = maker(rng)
        if forms in seen:
            continue
        seen.add(forms)
        cid = f"C{len(concepts):06d}"
        terms = [Term(forms[0], "en"), Term(forms[1], "ko"), Term(forms[2], "vi")]
        if kind == "person" and forms[0].split()[0] in EN_FIRST and rng.random() < 0.3:
            terms.append(Term(forms[0].split()[-1], "en", "admitted"))  # "Campbell" for "Kurt Campbell"
        if kind == "title" and rng.random() < 0.2:
            terms.append(Term(forms[0].replace("Deputy", "Vice"), "en", "forbidden"))
        concepts[cid] = Concept(cid, kind, tuple(terms))
    return Glossary(concepts)


def scaled(house: Glossary, factor: int, rng: random.Random) -> Glossary:
    """``house`` with generated concepts added up to ``factor`` times its size (ids ``GEN…``)."""
    extra = make_glossary((factor - 1) * len(house), rng) if factor > 1 else Glossary()
    concepts = dict(house.concepts)
    concepts.update({f"GEN{cid}": Concept(f"GEN{cid}", c.type, c.terms) for cid, c in extra.concepts.items()})
    return Glossary(concepts, version=f"{house.version}x{factor}")


def _cumulative(makers):  # type: ignore[no-untyped-def]
    total = 0.0
    for kind, maker, p in makers:
        total += p
        yield kind, maker, total


def make_texts(glossary: Glossary, rng: random.Random) -> dict[str, str]:
    """About TEXT_BYTES of text, a third per language, with terms from ``glossary``."""
    concepts = list(glossary)
    fillers = {"en": EN_FILLER, "ko": KO_FILLER, "vi": VI_FILLER}
    texts = {}
    for lang in ("en", "ko", "vi"):
        words: list[str] = []
        size = 0
        while size < TEXT_BYTES // 3:
            sentence = [rng.choice(fillers[lang]) for _ in range(rng.randint(8, 16))]
            for _ in range(rng.randint(0, 2)):
                term = rng.choice(concepts).preferred(lang)
                assert term is not None
                surface = term.text + (rng.choice(KO_PARTICLES) if lang == "ko" else "")
                sentence.insert(rng.randrange(len(sentence)), surface)
            line = " ".join(sentence).capitalize() + "." + ("\n\n" if rng.random() < 0.2 else " ")
            words.append(line)
            size += len(line.encode())
        texts[lang] = "".join(words)
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5, help="match runs per size; the best is reported")
    parser.add_argument("--house", default="glossaries", help="house glossary folder ('' to skip its rows)")
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 5], help="sizes of the house glossary to measure")
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    full = make_glossary(max(args.sizes), rng)
    # Terms in the text come from the first 1000 concepts, so every size finds them.
    texts = make_texts(Glossary(dict(list(full.concepts.items())[: min(args.sizes)])), rng)
    mb = sum(len(t.encode()) for t in texts.values()) / 1e6
    print(f"text: {mb:.2f} MB ({', '.join(f'{k} {len(v.encode()) / 1e6:.2f} MB' for k, v in texts.items())})")
    print(f"{'concepts':>9} {'build (s)':>10} {'match (s)':>10} {'cpu (s)':>8} {'matches':>8} {'MB/s':>7}")
    for size in args.sizes:
        glossary = Glossary(dict(list(full.concepts.items())[:size]))
        print(_row(str(size), glossary, texts, args.repeat))
    if args.house:
        house = load([args.house])
        house_texts = make_texts(house, random.Random(SEED))
        mb = sum(len(t.encode()) for t in house_texts.values()) / 1e6
        print(f"house glossary {args.house}: {len(house)} concepts; text from its terms: {mb:.2f} MB")
        for factor in args.scale:
            glossary = scaled(house, factor, random.Random(SEED + factor))
            print(_row(f"{len(glossary)} (x{factor})", glossary, house_texts, args.repeat))
    return 0


def _row(label: str, glossary: Glossary, texts: dict[str, str], repeat: int) -> str:
    """One table row: build the matcher, match every text ``repeat`` times, keep the best time."""
    mb = sum(len(t.encode()) for t in texts.values()) / 1e6
    t0 = time.perf_counter()
    matcher = Matcher(glossary)
    build = time.perf_counter() - t0
    wall = cpu = float("inf")
    found = 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        found = sum(len(matcher.find(text, lang)) for lang, text in texts.items())
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    return f"{label:>9} {build:>10.2f} {wall:>10.4f} {cpu:>8.4f} {found:>8} {mb / wall:>7.1f}"


if __name__ == "__main__":
    raise SystemExit(main())
