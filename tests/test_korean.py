import pytest

from transkit import korean


@pytest.mark.parametrize(
    ("word", "reading", "flag", "expected"),
    [
        ("장관", None, None, True),  # Hangul with 받침
        ("부장관", None, None, True),
        ("바이든", None, None, True),
        ("블링컨", None, None, True),
        ("조태열", None, None, True),
        ("루비오", None, None, False),  # Hangul vowel-final
        ("캠벨", None, None, True),  # ㄹ-final
        ("CHIPS", "칩스", None, False),  # Latin with a reading
        ("NATO", "나토", None, False),
        ("IRA", None, None, False),  # acronym: 아이알에이
        ("NSC", None, None, False),  # 엔에스시
        ("UN", None, None, True),  # 유엔
        ("APEC", "에이펙", None, True),
        ("Campbell", None, None, True),  # 캠벨
        ("Google", None, None, True),  # 구글
        ("Seoul", None, None, True),
        ("chip", None, None, True),  # 칩
        ("bus", None, None, False),  # 버스
        ("X", None, True, True),  # explicit flag wins over guessing
        ("2024", None, None, False),  # 이천이십사
        ("2023", None, None, True),  # 삼
        ("2021", None, None, True),  # 일 (ㄹ)
        ("10", None, None, True),  # 십
        ("G7", None, None, True),  # 칠
        ("G20", None, None, True),  # 이십
        ("%", None, None, None),  # unknown
        ("", None, None, None),
    ],
)
def test_final_consonant(word, reading, flag, expected):
    assert korean.final_consonant(word, reading, flag) is expected


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("캠벨", "는", "캠벨은"),
        ("장관", "는", "장관은"),
        ("루비오", "은", "루비오는"),
        ("장관", "를", "장관을"),
        ("장관", "가", "장관이"),
        ("블링컨", "와", "블링컨과"),
        ("서울", "으로", "서울로"),  # ㄹ takes 로
        ("캠벨", "으로", "캠벨로"),
        ("워싱턴", "로", "워싱턴으로"),
        ("하노이", "으로", "하노이로"),
        ("부장관", "라는", "부장관이라는"),
        ("부장관", "며", "부장관이며"),
        ("장관", "다", "장관이다"),
        ("루비오", "이나", "루비오나"),
        ("장관", "에서", "장관에서"),  # invariant
    ],
)
def test_attach_repairs_the_particle(word, particle, expected):
    assert korean.attach(word, particle) == expected


def test_attach_uses_the_reading_of_latin_terms():
    assert korean.attach("CHIPS", "은", reading="칩스") == "CHIPS는"
    assert korean.attach("CHIPS법", "는") == "CHIPS법은"


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ("은 29일", "은"),
        ("에서는 회담이", "에서는"),
        ("에서", "에서"),
        ("과 만났다", "과"),
        ("으로부터 전화를", "으로부터"),
        ("안 지역", None),  # 서해안: 안 is no particle
        ("이재명", None),
        (" 장관", None),
        ("", None),
        ("의, 그리고", "의"),
        ("은(", "은"),
    ],
)
def test_split_particle(rest, expected):
    assert korean.split_particle(rest) == expected


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("캠벨", "는", False),
        ("캠벨", "은", True),
        ("장관", "를", False),
        ("CHIPS", "은", False),
        ("조태열", "에게", True),
        ("%", "는", None),
    ],
)
def test_agrees(word, particle, expected):
    reading = "칩스" if word == "CHIPS" else None
    assert korean.agrees(word, particle, reading=reading) is expected
