"""Stage 1, anchored units: a level word before a name (`xã An Khánh`, `TP. Bến Tre`,
`Phường 4`, `ấp An Mỹ`, `Huyện ủy Châu Thành`, `các xã Canh Hiệp, Canh Thuận`).

Each level word in the text runs ANCHOR_RULES in order: a rule returns None (not its case:
the next rule runs) or a note, which ends the level word; the explain trace records `add`
when the rule added mentions, else `drop`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import VILLAGE_LEVELS
from ..rules import verdict
from ..textnorm import key_lower
from .examples import decided, found  # noqa: F401 (the docstrings\' examples)
from .lexicon import ranked
from .lists import abbreviated_village, colon_list, continue_list, numbered_list, urban_village, village_list
from .reader import Reader
from .tokens import NUMBER, Mention, canon_key, numbered

_PLURAL_BEFORE = re.compile(r"(?i)(?:các|những|một số|nhiều|\d{1,2}|hai|ba|bốn|năm) $")

_ONE_WORD_END = re.compile(r"\s*(?:$|[,.;:!?)\]”\"(–-]|(?:thuộc|xã|phường|thị trấn|huyện|với|để|và|của|cùng) )")

# `ấp A, B và ấp C`: names between two mentions of the same village word are villages too
_SAME_WORD_LIST = re.compile(r"(?:, [^\W\d_][^,;:.()\n]{0,40}?)+ (?:và|, ) ?")

_PAREN_LIST = re.compile(r" \((?=[A-ZĐ])")

# `các xã, phường: …`, `bốn tỉnh, thành phố: …`: a list after two level words
_MIXED_LEVELS = re.compile(r"(xã|phường|thị trấn|tỉnh|huyện|quận|thị xã),? (?:và )?$")

_COLON_LIST = re.compile(r"(?:,? (?:bao gồm|gồm có|gồm|là))?: ")

_GOM_LIST = re.compile(r",? (?:bao gồm|gồm có|gồm) (?=[A-ZĐ])")


@dataclass
class LevelWord:
    """A level word in the text and what the anchor rules have read after it."""

    start: int
    end: int            # end of the word (an abbreviation's dot not included)
    word: str           # as written (`TP`, `xã`, `Huyện ủy`)
    level: str          # the level it gives ('' for a look-alike)
    kind: str           # its kind in levels.tsv (word, abbr, abbrdot, village, urban, org)
    name_at: int = -1   # token index of the name's first word (`no_word_after_it` sets it)
    run: int = -1       # last token of the capitalised run from name_at (`_run`)

    @property
    def lower(self) -> bool:
        """The word is written in lower case (`xã`, not `Xã`)."""
        return self.word == self.word.lower()

    @property
    def cap(self) -> bool:
        """The word starts with a capital (`Xã`, `TP`)."""
        return self.word[:1].isupper()


def name_run(a: Reader, w: LevelWord) -> int:
    """Last token of the capitalised run after the level word (read once)."""
    if w.run < 0:
        w.run = a.run_end(w.name_at)
    return w.run


def plural_before(a: Reader, w: LevelWord) -> bool:
    """A plural or a count right before the level word: `các xã`, `3 phường`."""
    return _PLURAL_BEFORE.search(a.key, max(0, w.start - 12), w.start) is not None

# -- ANCHOR_RULES: `(reader, level word) -> note (decided) | None (next rule)` ----------------


def look_alike_letter(a: Reader, w: LevelWord) -> str | None:
    """A case-insensitive look-alike of a level word is none (`ſóc` with a long s).

    >>> decided("Lễ hội ſóc Trăng.", "look_alike_letter")
    ['drop: ſóc']
    """
    return None if w.level else "a look-alike of a level word"


def abbreviation_in_lower_case(a: Reader, w: LevelWord) -> str | None:
    """An abbreviation counts only in capitals: `TP. Bến Tre`, not `tp` or `tx` in a word.

    >>> decided("Bán tx Bến Tre.", "abbreviation_in_lower_case")
    ['drop: tx']
    """
    if w.kind in ("abbr", "abbrdot") and not w.cap:
        return "an abbreviation in lower case"
    return None


def abbreviation_without_its_dot(a: Reader, w: LevelWord) -> str | None:
    """`Q.` and `P.` stand for quận and phường only with their dot: `Q.1`, not `nhóm Q`.

    >>> decided("Nhóm Q Bình Thạnh.", "abbreviation_without_its_dot")
    ['drop: Q']
    """
    if w.kind == "abbrdot" and a.key[w.end:w.end + 1] != ".":
        return "`Q`/`P` without a dot"
    return None


def part_of_a_compound(a: Reader, w: LevelWord) -> str | None:
    """A level word inside a compound (`hợp tác xã`, `văn bản`, `nông thôn`) is none.

    >>> decided("Hợp tác xã Tân Phú bán lúa.", "part_of_a_compound")
    ['drop: xã']
    """
    return "part of a compound (`hợp tác xã`, `văn bản`)" if a.not_level(w.end) else None


def list_after_the_word(a: Reader, w: LevelWord) -> str | None:
    """A list after a lower-case level word and a colon, `gồm` or a count and a parenthesis
    names units of that level: `3 xã: Nhơn Hải, Nhơn Lý, Nhơn Hội`, `5 xã gồm A, B`,
    `5 phường (Bình Định, Đập Đá)`; after two level words (`các xã, phường:`, `bốn tỉnh,
    thành phố:`) each unit takes its own level at the date.

    >>> found("Năm 2023, 3 xã: Nhơn Hải, Nhơn Lý, Nhơn Hội thuộc TP Quy Nhơn.")[:3]
    [('Nhơn Hải', 'xã'), ('Nhơn Lý', 'xã'), ('Nhơn Hội', 'xã')]
    """
    if not (w.lower and w.kind in ("word", "village")):
        return None
    key, end = a.key, w.end
    dm = a.lex["descriptor_re"].match(key, end) if w.kind == "word" else None
    cl = _COLON_LIST.match(key, dm.end() if dm else end)  # `11 huyện đảo gồm: A, B`
    if not cl and plural_before(a, w):
        cl = _GOM_LIST.match(key, dm.end() if dm else end)  # `5 xã gồm Vĩnh Hòa, ...`
    if not cl and re.search(r"\d[ \u00a0]$", key[max(0, w.start - 3):w.start]):
        cl = _PAREN_LIST.match(key, end)  # `5 phường (Bình Định, Đập Đá, ...)`
    if not cl:
        return None
    mx = _MIXED_LEVELS.search(key, max(0, w.start - 12), w.start)
    colon_list(a, cl.end(), w.level, mixed=mx.group(1) if mx else None)
    return "the list after the level word"


def list_after_a_described_plural(a: Reader, w: LevelWord) -> str | None:
    """After a plural level word, a few lower-case words that describe the units (or none)
    and then a colon or a list cue (`là`, `như`, `gồm`; `list_cue` in context.tsv) open a
    list of their names: `Một số xã đã hoàn thành gieo cấy là: Hồng Vân, Hạ Lễ`, `03 xã đạt
    chuẩn văn hóa NTM: Vân Hội, Đạo Tú`, `các xã vùng lũ như Hồng Vân, Hạ Lễ`, `nhiều xã như
    Hồng Vân`. Without a colon the
    first item must be a name the gazetteer knows (`các xã làm tốt như Nghị quyết 26 đề ra`
    lists nothing).

    >>> found("Năm 2021, một số xã đã hoàn thành gieo cấy là: Hồng Vân, Hạ Lễ, Tiền Phong.")
    [('Hồng Vân', 'xã'), ('Hạ Lễ', 'xã'), ('Tiền Phong', 'xã')]
    >>> found("Năm 2021, các xã làm tốt như Nghị quyết Đại hội đề ra.")
    []
    """
    if not (w.lower and w.kind == "word" and plural_before(a, w)):
        return None
    dl = a.lex["described_list"].match(a.key, w.end)
    if not dl or not a.key[w.end + 1:w.end + 2].islower():
        return None
    i = a.tok_at.get(dl.end())
    if i is None or (not dl.group(0).endswith(": ") and not ranked(a.gaz_match(i), w.level)):
        return None
    before = len(a.mentions)
    mx = _MIXED_LEVELS.search(a.key, max(0, w.start - 12), w.start)
    colon_list(a, dl.end(), w.level, mixed=mx.group(1) if mx else None)
    return "the list after the units' description" if len(a.mentions) > before else None


def no_word_after_it(a: Reader, w: LevelWord) -> str | None:
    """The name starts one space after the word (after a descriptor: `huyện miền núi An
    Lão`), or right after an abbreviation's dot (`TP.HCM`); else there is no name.

    >>> decided("Về huyện, xã.", "no_word_after_it")
    ['drop: huyện', 'drop: xã']
    """
    end = w.end
    if w.kind in ("abbr", "abbrdot") and a.key[end:end + 1] == ".":
        end += 1
    if w.lower and w.kind == "word":  # `huyện miền núi An Lão`
        dm = a.lex["descriptor_re"].match(a.key, end)
        if dm:
            end = dm.end()
    k = end
    if a.key[k:k + 1] == " ":
        k += 1
    elif not (w.kind in ("abbr", "abbrdot") and k > w.end):
        return "no word right after the level word"
    i = a.tok_at.get(k)
    if i is None:
        return "no word right after the level word"
    w.name_at = i
    return None


def committee_name(a: Reader, w: LevelWord) -> str | None:
    """A Party or Youth Union committee named after its unit names it: `Tỉnh ủy Tiền Giang`,
    `Huyện ủy Châu Thành`, `Thị đoàn Mường Lay`; capitalised, and with a name the gazetteer
    knows at that tier.

    >>> found("Bí thư Huyện ủy Châu Thành (Bến Tre) phát biểu.")[0]
    ('Châu Thành', 'huyện')
    >>> decided("Huyện ủy Phan Song Toàn.", "committee_name")
    ['drop: Huyện ủy']
    """
    if w.kind != "org":
        return None
    if not w.cap:
        return "a committee word in lower case"
    hit = ranked(a.gaz_match(w.name_at), w.level)
    if not hit:
        return "no unit of that tier after the committee word"
    a.add_anchored(w.name_at, hit, w.level, "anchored")
    return "a committee named after its unit"


def urban_village_number(a: Reader, w: LevelWord) -> str | None:
    """`tổ 15` is a tổ dân phố in an article that names a phường or thị trấn, unless the
    number counts (`mỗi tổ 3 đồng chí`) or the tổ is inside a rural village (`tổ 5, ấp A`).

    >>> found("Gia đình ông A ở tổ 15, phường Sông Cầu, TP Bắc Kạn.")[0]
    ('tổ 15', 'tổ dân phố')
    """
    if w.kind != "urban":
        return None
    return urban_village(a, w.start, w.name_at, w.level, w.word)


def capital_village_word_in_a_sentence(a: Reader, w: LevelWord) -> str | None:
    """A capitalised village word inside a sentence starts another name (`Làng Văn hóa`,
    `Bản Lác`), unless a number follows (`Ban điều hành Khu phố 5`).

    >>> decided("Dự án Làng Văn hóa du lịch.", "capital_village_word_in_a_sentence")
    ['drop: Làng']
    """
    if w.kind != "village":
        return None
    has_number = numbered(a.toks[w.name_at])
    if not w.lower and not a.at_sentence_start(w.start) and not (has_number and w.level not in ("bản", "làng")):
        return "a capitalised village word inside a sentence"
    return None


def village_word_in_a_compound(a: Reader, w: LevelWord) -> str | None:
    """A village word after a word that makes it a compound is none: `văn bản`, `căn bản`,
    `vùng biên`, `buôn bán`.

    >>> decided("Năm 2022, kịch bản Sông Hồng được duyệt.", "village_word_in_a_compound")
    ['drop: bản']
    """
    if w.kind == "village" and a.preceded_by(w.start, a.lex["village"]):
        return "part of a compound (`văn bản`, `căn bản`)"
    return None


def numbered_village(a: Reader, w: LevelWord) -> str | None:
    """A village word and a number (`ấp 5`, `thôn IV`, `khu phố 1, 2 và 3`) is a village,
    unless the number is part of a figure (`thôn 2,5 ha`).

    >>> found("Năm 2020, ở khu phố 1, 2 và 3 của phường An Bình.")[:3]
    [('khu phố 1', 'khu phố'), ('khu phố 2', 'khu phố'), ('khu phố 3', 'khu phố')]
    """
    if w.kind != "village":
        return None
    i = w.name_at
    tok = a.toks[i]
    if not numbered(tok):
        return None
    if not a.numbered_ok(i):
        return "the number is part of a figure"
    a.add(Mention(w.start, tok.end, a.text[w.start:tok.end], w.level, "village"))
    numbered_list(a, i, w.level, w.word, w.start)  # `khu phố 1, 2 và 3`
    return "a village by its number"


def village_name(a: Reader, w: LevelWord) -> str | None:
    """A village word and up to four capitalised words is a village (`ấp An Mỹ`, `làng Đak
    Ya - Kliết`); after a plural (`các ấp A, B và C`) or between two mentions of the word
    (`ấp A, B và ấp C`) the list is villages too. Not one capitalised word running on (`bản
    Hiến pháp`), nor a known name the word starts (`Buôn Ma Thuột`).

    >>> found("Năm 2020, các thôn Phú Thượng, Phú Hạ và Tân Lập bị ngập.")
    [('Phú Thượng', 'thôn'), ('Phú Hạ', 'thôn'), ('Tân Lập', 'thôn')]
    >>> decided("Theo bản Tuyên ngôn độc lập.", "village_name")
    ['drop: bản']
    """
    if w.kind != "village":
        return None
    key, toks, i = a.key, a.toks, w.name_at
    tok = toks[i]
    if tok.kind != "T":
        return "no capitalised name after the village word"
    if w.cap and a.gaz_match(a.tok_at.get(w.start, -1)):
        return "the word starts a known name (`Buôn Ma Thuột`)"
    j = a.village_end(i)
    if j == i and (len(tok.text) < 2 or not _ONE_WORD_END.match(key, tok.end)):
        return "one capitalised word running on (`bản Hiến pháp`)"
    a.add(Mention(tok.start, toks[j].end, a.text[tok.start:toks[j].end], w.level, "village"))
    if plural_before(a, w):
        village_list(a, j, w.level)  # `các ấp An Thạnh, An Hòa và Phú Thạnh`
    else:
        sm = _SAME_WORD_LIST.match(key, toks[j].end)
        items = sm.group().strip(" ,").removesuffix(" và").split(", ") if sm else []
        heads = a.lex["block"] + a.lex["foreign"]  # `Trường THCS A`, `Công ty B` are no villages
        if sm and key.startswith(w.word.lower() + " ", sm.end()) and all(
                x[:1].isupper() or x.isdigit() for it in items for x in it.split()) and not any(
                (key_lower(it) + " ").startswith(h + " ") for it in items for h in heads):
            village_list(a, j, w.level)  # `ấp Phương Thạnh 1, Phương Thạnh 2 và ấp Kinh Tế`
    return "a village name"


def numbered_ward_or_district(a: Reader, w: LevelWord) -> str | None:
    """`Phường 4`, `Quận 1`, `quận 5, 6, 7`, and inside an address `P.4, Q.5` are numbered
    wards and urban districts (`Q.1` is named `Quận 1`).

    >>> found("Năm 2019, tại Phường 4, Quận 5, TP.HCM.")[:2]
    [('Phường 4', 'phường'), ('Quận 5', 'quận')]
    >>> decided("Năm 2019, lô P.4 còn trống.", "numbered_ward_or_district")
    ['drop: P']
    """
    i = w.name_at
    tok = a.toks[i]
    if not numbered(tok) or w.level not in ("phường", "quận"):
        return None
    if not (a.numbered_ok(i) and len(tok.text) <= 2 and (
            w.kind == "word" or (w.kind == "abbrdot" and tok.kind == "D" and a.in_address(w.start, tok.end)))):
        return "a number that names no ward or district here"
    full = f"{'Quận' if w.level == 'quận' else 'Phường'} {tok.text}"  # `Q.1` is `Quận 1`
    a.add(Mention(w.start, tok.end, a.text[w.start:tok.end], w.level, "anchored", cands=a.g.candidates(full)))
    if w.kind == "word":
        numbered_list(a, i, w.level, full.split()[0], w.start)  # `Quận 5, 6, 7`
    return "a numbered ward or district"


def abbreviated_village_number(a: Reader, w: LevelWord) -> str | None:
    """An abbreviated village word and its number is a village: `KP 3`, `TDP I và II`.

    >>> found("Năm 2021, sạt lở ở TDP I và II (thị trấn Khe Tre).")[:2]
    [('TDP I', 'tổ dân phố'), ('TDP II', 'tổ dân phố')]
    """
    tok = a.toks[w.name_at]
    if w.level not in VILLAGE_LEVELS or not (numbered(tok) or (tok.kind == "T" and NUMBER.match(tok.text))):
        return None
    return abbreviated_village(a, w.start, w.name_at, w.level, w.word, w.kind)


def number_of_no_unit(a: Reader, w: LevelWord) -> str | None:
    """A number after another level word names no unit: `cấp tỉnh 47 thủ tục`, `xã 135`.

    >>> decided("Chuyển 47 thủ tục về cấp tỉnh 47 thủ tục.", "number_of_no_unit")
    ['drop: tỉnh']
    """
    return "a number after a level word that numbers no unit" if numbered(a.toks[w.name_at]) else None


def no_name_word(a: Reader, w: LevelWord) -> str | None:
    """A lower-case word after the level word is no name: `xã hội`, `tỉnh đã`.

    >>> decided("Kinh tế xã hội phát triển.", "no_name_word")
    ['drop: xã']
    """
    return "a lower-case word after the level word" if a.toks[w.name_at].kind not in "TU" else None


def gazetteer_name(a: Reader, w: LevelWord) -> str | None:
    """A name the gazetteer knows at the tier of the level word (`xã An Khánh`, `TP. Bến
    Tre`, `xã Ia lốp` written with a lower-case syllable), and the same-level names listed
    after it (`các xã Canh Hiệp, Canh Thuận`). Not a capitalised level word that starts a
    known name (`Buôn Đôn`), nor an initial (`P. Thảo`).

    >>> found("Năm 2022, các xã Canh Hiệp, Canh Thuận của huyện Vân Canh.")[:2]
    [('Canh Hiệp', 'xã'), ('Canh Thuận', 'xã')]
    >>> decided("Năm 2017, xã Xanh Lơ của huyện Vân Canh.", "gazetteer_name")
    ['add: huyện Vân Canh']
    """
    i, lower, kind, level = w.name_at, w.lower, w.kind, w.level
    hit = ranked(a.gaz_match(i), level)
    if not hit and lower and kind == "word":
        hit = ranked(a.miscased(i), level)  # `xã Ia lốp`
    if hit and kind == "abbrdot" and hit[0] == i:
        hit = None  # `P. Thảo`: an initial, not `phường`
    if not hit:
        return None
    # `Buôn Ma Thuột`, `Bản Lác`: the level word is part of a known name
    whole = a.gaz_match(a.tok_at.get(w.start, -1)) if w.cap else None
    if whole and whole[0] >= hit[0] and kind == "word" and not lower:
        return "the level word starts a known name"
    mm = a.add_anchored(i, hit, level, "anchored")
    continue_list(a, hit[0], mm, plural=lower and plural_before(a, w))
    return "a unit the gazetteer knows"


def unknown_name_needs_a_lower_case_word(a: Reader, w: LevelWord) -> str | None:
    """A name the gazetteer lacks counts only after a lower-case `xã`, `phường`, `thị
    trấn`, `huyện` or `đặc khu` (or one opening a sentence): provinces, cities, urban
    districts and towns are all known, and `Xã Anh hùng` mid-sentence is a title.

    >>> decided("Năm 2019, tỉnh Xanh Lơ và xã Xanh Lơ.", "unknown_name_needs_a_lower_case_word")
    ['drop: tỉnh']
    """
    if not (w.lower or a.at_sentence_start(w.start)) or w.kind != "word" or \
            w.level in ("tỉnh", "thành phố", "quận", "thị xã"):
        return "a name the gazetteer lacks needs a lower-case level word of an unstable tier"
    return None


def name_known_at_another_tier(a: Reader, w: LevelWord) -> str | None:
    """A known name at another tier keeps the level written (`huyện Mù Cang Chải`, which
    the gazetteer knows only as the town; it spells the district `Mù Căng Chải`).

    >>> found("Năm 2020, huyện Mù Cang Chải (Yên Bái) thành lập đoàn.")[0]
    ('Mù Cang Chải', 'huyện')
    """
    other = a.gaz_match(w.name_at)
    if not (other and w.lower and w.kind == "word"):
        return None
    tok = a.toks[w.name_at]
    s2, e2 = tok.start, a.toks[other[0]].end
    a.add(Mention(s2, e2, a.text[s2:e2], w.level, "anchored"))
    return "a known name at another tier, at the level written"


def acronym_after_the_word(a: Reader, w: LevelWord) -> str | None:
    """An acronym after the level word is no unit the gazetteer lacks: `xã NTM`, `huyện NTM`.

    >>> decided("Năm 2020, huyện đạt chuẩn xã NTM.", "acronym_after_the_word")
    ['drop: xã']
    """
    return "an acronym" if a.toks[w.name_at].kind != "T" else None


def person_after_the_word(a: Reader, w: LevelWord) -> str | None:
    """A surname after the level word starts a person's name: `Đảng ủy xã Nguyễn Thị Kim Thoa`.

    >>> decided("Năm 2022, Bí thư Đảng ủy xã Nguyễn Thị Kim Thoa phát biểu.", "person_after_the_word")
    ['drop: xã']
    """
    return "a person's name" if key_lower(a.toks[w.name_at].text) in a.lex["surname"] else None


def one_unknown_word(a: Reader, w: LevelWord) -> str | None:
    """One capitalised word the gazetteer lacks is no unit: `xã Anh hùng`, `huyện Nông thôn mới`.

    >>> decided("Năm 2022, xã Anh hùng được tặng.", "one_unknown_word")
    ['drop: xã']
    """
    return "one capitalised word the gazetteer lacks" if name_run(a, w) == w.name_at else None


def three_unknown_words(a: Reader, w: LevelWord) -> str | None:
    """Three capitalised words the gazetteer lacks (no number last) are most likely a
    person, not a unit: `Đảng ủy xã Pa Tả Lang` (but `xã Vân Canh 2` is a unit).

    >>> decided("Năm 2022, xã Pa Tả Lang phát biểu.", "three_unknown_words")
    ['drop: xã']
    """
    j = name_run(a, w)
    if j - w.name_at >= 2 and a.toks[j].kind != "D":
        return "three capitalised words the gazetteer lacks"
    return None


def common_phrase_name(a: Reader, w: LevelWord) -> str | None:
    """A name that is also a common phrase needs the gazetteer: `làng xã Việt Nam`.

    >>> decided("Năm 2022, xã Việt Nam phát triển.", "common_phrase_name")
    ['drop: xã']
    """
    tok = a.toks[w.name_at]
    if canon_key(a.key[tok.start:a.toks[name_run(a, w)].end]) in a.lex["nobare"]:
        return "a common phrase (`Việt Nam`)"
    return None


def unit_abroad(a: Reader, w: LevelWord) -> str | None:
    """A unit of another country is not annotated: `huyện Sầm Nưa (Lào)`, `tỉnh ... , Lào`.

    >>> decided("Năm 2022, huyện Sầm Nưa (Lào) giáp biên giới.", "unit_abroad")
    ['drop: huyện']
    """
    cm = a.lex["country_re"].match(a.key, a.toks[name_run(a, w)].end)
    if cm and not a.key[cm.end():cm.end() + 2].strip()[:1].isupper():
        return "a unit abroad"  # (but `..., Lào Cai` is no country)
    return None


def unknown_name(a: Reader, w: LevelWord) -> str | None:
    """Two capitalised words (or a name and a number) the gazetteer lacks after a lower-case
    level word of an unstable tier are a unit at that level: communes dissolved before the
    gazetteer's snapshots (`huyện Tĩnh Gia` before 2020 is in the level history), `xã Vân
    Canh 2`.

    >>> found("Năm 2017, xã Xanh Lơ của huyện Vân Canh.")[0]
    ('Xanh Lơ', 'xã')
    """
    tok = a.toks[w.name_at]
    e = a.toks[name_run(a, w)].end
    a.add(Mention(tok.start, e, a.text[tok.start:e], w.level, "anchored"))
    return "a unit the gazetteer lacks, at the level written"

ANCHOR_RULES = (look_alike_letter, abbreviation_in_lower_case, abbreviation_without_its_dot, part_of_a_compound,
                list_after_the_word, list_after_a_described_plural, no_word_after_it, committee_name, urban_village_number,
                capital_village_word_in_a_sentence, village_word_in_a_compound, numbered_village, village_name,
                numbered_ward_or_district, abbreviated_village_number, number_of_no_unit, no_name_word,
                gazetteer_name, unknown_name_needs_a_lower_case_word, name_known_at_another_tier,
                acronym_after_the_word, person_after_the_word, one_unknown_word, three_unknown_words,
                common_phrase_name, unit_abroad, unknown_name)


def find_anchored(a: Reader) -> None:
    """Pass 1: each level word in the text runs ANCHOR_RULES in order; the first rule
    that decides ends it (`add` when it added mentions, else `drop`)."""
    lex = a.lex
    for m in lex["level_re"].finditer(a.key):
        word = m.group(1)
        level, kind = lex["level_of"].get(key_lower(word), ("", ""))
        w = LevelWord(m.start(), m.end(), word, level, kind)
        before = len(a.mentions)
        decision = verdict(ANCHOR_RULES, a, w)
        if decision is not None and a.doc.explanations is not None:
            added = a.mentions[before:]
            end = max((x.end for x in added), default=w.end)
            a.doc.trace("locations", decision[0], "add" if added else "drop", w.start, end, decision[1])
