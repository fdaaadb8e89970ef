"""Word lists the mention finder uses to tell titles, countries and names apart.

These are closed classes of news language (title head nouns, country
adjectives, honorifics, past-tense markers); the glossary adds the words of its
own titles at run time, so a title the lists miss is still found when the
glossary knows it. Also here: rank words, concurrent-title joiners, capitals used
for their countries, and source shorthand that machine translation leaves behind.
"""

from __future__ import annotations

import re

__all__ = [
    "CAPITALS",
    "CONCURRENT",
    "COUNTRY_WORDS",
    "EN_COMPLEMENT",
    "EN_CONNECTORS",
    "EN_HEADS",
    "EN_MODIFIERS",
    "EN_SENTENCE_WORDS",
    "HONORIFICS",
    "KO_ACTING",
    "KO_COUNTRIES",
    "KO_HANJA_COUNTRIES",
    "KO_HEADS",
    "KO_RANK_PREFIXES",
    "PAST_AFTER",
    "PAST_BEFORE",
    "RANK_WORDS",
    "SOURCE_ABBREVIATIONS",
    "VI_COMPLEMENT",
    "VI_HEADS",
]

# Head nouns of English titles ("Minister" in "Deputy Foreign Minister").
EN_HEADS = frozenset(
    """minister secretary president vice-president coordinator ambassador director chairman chairwoman chair
    adviser advisor spokesperson spokesman spokeswoman envoy leader premier chancellor governor mayor senator
    representative commissioner administrator counselor counsellor undersecretary secretary-general
    assistant chief head""".split()
)
# Words that may precede a head inside a title ("Deputy", "Foreign").
EN_MODIFIERS = frozenset(
    """deputy vice first second third prime foreign acting assistant principal special senior under executive
    defense defence finance trade presidential national security state associate general interior unification
    economy economic regional party supreme joint indo-pacific pacific asia-pacific asian european""".split()
)
# Words that may follow a head after a connector ("of State", "for Indo-Pacific Affairs").
EN_COMPLEMENT = frozenset(
    """state foreign affairs defense defence economy finance trade industry unification national security
    council pacific east asian asia indo-pacific affairs president house white department treasury commerce
    energy justice interior economic growth policy political military international cooperation climate
    united nations states republic korea viet nam vietnam people's democratic the president""".split()
)
EN_CONNECTORS = frozenset({"of", "for", "to", "and"})
# Capitalised words that start sentences and are not part of titles or names.
EN_SENTENCE_WORDS = frozenset(
    """the a an on in at meanwhile later yesterday today when after before during and but also earlier then
    former now this that""".split()
)
# Country adjectives and nouns, per language, to ISO codes ("host" is a country we cannot name).
COUNTRY_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "us": "US",
        "u.s.": "US",
        "american": "US",
        "united states": "US",
        "washington's": "US",
        "south korean": "KR",
        "korean": "KR",
        "rok": "KR",
        "south korea's": "KR",
        "korea's": "KR",
        "seoul's": "KR",
        "vietnamese": "VN",
        "vietnam's": "VN",
        "viet nam's": "VN",
        "hanoi's": "VN",
        "north korean": "KP",
        "dprk": "KP",
        "japanese": "JP",
        "chinese": "CN",
        "host country's": "host",
        "the host country's": "host",
    },
    "ko": {
        "미국": "US",
        "미": "US",
        "한국": "KR",
        "대한민국": "KR",
        "베트남": "VN",
        "북한": "KP",
        "일본": "JP",
        "중국": "CN",
    },
    "vi": {
        "mỹ": "US",
        "hoa kỳ": "US",
        "hàn quốc": "KR",
        "việt nam": "VN",
        "triều tiên": "KP",
        "nhật bản": "JP",
        "trung quốc": "CN",
    },
}
KO_COUNTRIES = COUNTRY_WORDS["ko"]
# Capitals that news uses for their country's government ("Seoul and Washington pledge …").
CAPITALS: dict[str, dict[str, str]] = {
    "en": {
        "seoul": "KR",
        "washington": "US",
        "hanoi": "VN",
        "ha noi": "VN",
        "pyongyang": "KP",
        "tokyo": "JP",
        "beijing": "CN",
    },
    "ko": {"서울": "KR", "워싱턴": "US", "하노이": "VN", "평양": "KP", "도쿄": "JP", "베이징": "CN"},
    "vi": {"seoul": "KR", "washington": "US", "hà nội": "VN", "bình nhưỡng": "KP", "tokyo": "JP", "bắc kinh": "CN"},
}
# Korean title heads: a word ending in one of these is a title ("부장관", "외교부 장관").
KO_HEADS = (
    "부장관",
    "장관",
    "차관보",
    "차관",
    "부통령",
    "대통령",
    "권한대행",
    "총리",
    "조정관",
    "대사",
    "실장",
    "위원장",
    "대변인",
    "부보좌관",
    "보좌관",
    "서기장",
    "주석",
    "특사",
    "국장",
    "비서관",
    "사무총장",
    "외교관",
)
# Vietnamese title heads, longest first.
VI_HEADS: tuple[str, ...] = tuple(
    sorted(
        (
            "thứ trưởng",
            "bộ trưởng",
            "ngoại trưởng",
            "tổng thống",
            "phó tổng thống",
            "thủ tướng",
            "phó thủ tướng",
            "chủ tịch nước",
            "chủ tịch",
            "tổng bí thư",
            "đại sứ",
            "điều phối viên",
            "cố vấn",
            "phó cố vấn",
            "người phát ngôn",
            "trợ lý ngoại trưởng",
            "trợ lý",
            "quyền tổng thống",
            "chánh văn phòng",
            "đặc phái viên",
            "thượng nghị sĩ",
            "chủ nhiệm",
        ),
        key=len,
        reverse=True,
    )
)
# Syllables that continue a Vietnamese title after its head ("Ngoại giao", "Bộ Ngoại giao").
VI_COMPLEMENT = frozenset(
    """ngoại giao bộ quốc phòng an ninh gia tài chính thương mại kinh tế nhà trắng hội đồng thứ nhất phụ trách
    các vấn đề đông á và thái bình dương ấn độ văn phòng ủy ban vụ liên hợp""".split()
)
# Words that give a post's rank: a title without them is another post ("President" is not "Acting President").
RANK_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset({"acting", "deputy", "vice", "first", "assistant", "under", "principal"}),
    "ko": frozenset(),
    "vi": frozenset({"phó", "quyền"}),
}
# Korean rank prefix of a head noun: 부장관 (deputy) is not 장관; 차관 is its own head and 제1차관 is a 차관.
KO_RANK_PREFIXES = ("부",)
# Korean words that make the title before them acting: "대통령 권한대행" is one title, not 대통령.
KO_ACTING = ("권한대행", "직무대행")
# One-hanja country abbreviations of Korean headlines: 韓美日, 美中, 北.
KO_HANJA_COUNTRIES = frozenset("韓美日中北朝露英佛獨越印")
# How one person's concurrent posts are joined in one title ("Deputy Prime Minister and Minister of …", "kiêm", "겸").
CONCURRENT: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\s+and\s+(?=(?:(?:Deputy|Vice|First|Acting)\s+)?(?:Minister|Secretary|Director|Chairman)\b)"),
    "ko": re.compile(r"\s*겸\s*"),
    "vi": re.compile(r"\s+kiêm\s+", re.IGNORECASE),
}
HONORIFICS: dict[str, tuple[str, ...]] = {
    "en": ("Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Ms", "Mrs", "Dr"),
    "ko": (),
    "vi": ("ông", "bà", "ngài", "Ông", "Bà", "Ngài"),
}
# A title that follows these (or is followed by PAST_AFTER) is not the person's current one.
PAST_BEFORE: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"(?:\bformer|\bthen|\bex-|\bonetime|\bpreviously|\bserved as(?: the| an?)?|\bwas(?: the| an?)?"
        r"|\bhad been(?: the| an?)?|\bwho was(?: the| an?)?|\bas then)\s*$",
        re.I,
    ),
    "ko": re.compile(r"(?:^|\s)(?:전|前|당시|전임|이전)\s*$"),
    "vi": re.compile(
        r"(?:\bnguyên|\bcựu|\btừng là|\btừng giữ chức|\btừng giữ cương vị|\btrước đây là|\bkhi đó là)\s*$", re.I
    ),
}
PAST_AFTER: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"^\s*(?:at the time|until \w+)", re.I),
    "ko": re.compile(r"^(?:을|를)?\s*(?:지낸|역임한|역임했던|지냈던|재임\s*시절|시절|당시|출신)"),
    "vi": re.compile(r"^\s*(?:khi đó|lúc đó|thời điểm đó)", re.I),
}
# Source shorthand that machine translation leaves behind, by the language of the text it is left in, with what
# it stands for: Vietnamese agency and newsroom abbreviations in English, English ones in Korean and Vietnamese
# (with the end mark of English press releases).
SOURCE_ABBREVIATIONS: dict[str, dict[str, str]] = {
    "en": {
        "TTXVN": "Vietnam News Agency (VNA)",
        "HNCC": "summit",
        "PV": "reporter",
        "UBND": "People's Committee",
        "HĐND": "People's Council",
        "ĐCSVN": "Communist Party of Viet Nam (CPV)",
        "BCH TW": "Party Central Committee",
        "BNG": "Ministry of Foreign Affairs",
        "TTg": "Prime Minister",
        "CHXHCN": "Socialist Republic",
    },
    "ko": {
        "ROK": "한국",
        "DPRK": "북한",
        "KCNA": "조선중앙통신",
        "FM": "외교장관",
        "MOFA": "외교부",
        "MND": "국방부",
        "###": "a press release's end mark",
    },
    "vi": {"ROK": "Hàn Quốc", "DPRK": "Triều Tiên", "FM": "Bộ trưởng Ngoại giao", "###": "a press release's end mark"},
}
