"""The instructions component: what an official or a body tells others to do.

An instruction is introduced by a directive verb (`đề nghị`, `yêu cầu`, `giao`, …) with a
speaker before it: an official already found by the officials component (by name, short
name or title: `Phó Thủ tướng Thường trực lưu ý`), a body (`huyện Vân Canh đề nghị`,
`UBND TP Hà Nội giao`), an anaphor (`Người đứng đầu chính quyền tỉnh cũng yêu cầu`), or,
for a verb that opens a sentence, the previous speaker. `text` runs from the verb to the
end of the sentence, or of the paragraph after `:`. A parenthesised attribution after a
quoted paragraph (`(… Cao Văn Dũng nhấn mạnh tại buổi làm việc …)`) takes the quotation
as its text. Opinions and plans (`cho rằng`, `cho biết`) are not directive verbs.
Lexicons are data files in `resources/instructions/`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..models import Directive, Official
from .doc import Doc
from .officials import TitleMatcher, lexicon as title_lexicon
from .textnorm import key_lower
from .tokens import Token, inner_dot, tokenize

MAX_SUBJECT = 14   # tokens between a clause start and the verb for a body subject
_GENERIC_BODY = re.compile(r"(UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân)\s+(?:thành phố|tỉnh|huyện|quận|thị xã)")
_PLURALS = {("các",), ("những",), ("thành", "viên"), ("đại", "diện"), ("lãnh", "đạo")}
CUE_WINDOW = 14   # words after a weak verb searched for directive content
MIN_WORDS = 3      # an instruction says at least this much
CARRY_PARAGRAPHS = 8  # a sentence-initial verb continues the last speaker this far


def _phrases(name: str) -> set[tuple[str, ...]]:
    return {tuple(key_lower(x).split()) for x in resources.lines(name)}


@dataclass
class _Lex:
    verbs: dict[tuple[str, ...], bool]     # words -> weak
    adverbs: set[tuple[str, ...]]
    noun_before: set[tuple[str, ...]]
    noun_after: set[str]
    cues: set[tuple[str, ...]]
    anaphors: set[tuple[str, ...]]
    bodies: set[tuple[str, ...]]
    doc_heads: set[tuple[str, ...]]
    issue_verbs: set[tuple[str, ...]]
    counted: set[tuple[str, ...]]


@lru_cache(maxsize=1)
def _lexicon() -> _Lex:
    verbs = {}
    for row in resources.table("instructions/verbs.tsv"):
        verbs[tuple(key_lower(row[0]).split())] = len(row) > 1 and row[1] == "weak"
    return _Lex(
        verbs=verbs,
        adverbs=_phrases("instructions/adverbs.txt"),
        noun_before=_phrases("instructions/noun_before.txt"),
        noun_after={key_lower(x) for x in resources.lines("instructions/noun_after.txt")},
        cues=_phrases("instructions/cues.txt"),
        anaphors=_phrases("instructions/anaphors.txt"),
        bodies=_phrases("instructions/body_heads.txt"),
        doc_heads=_phrases("instructions/doc_heads.txt"),
        issue_verbs=_phrases("instructions/issue_verbs.txt"),
        counted=_phrases("instructions/counted_addressees.txt"),
    )


def _ends_with(toks: list[Token], j: int, phrases: set[tuple[str, ...]], lo: int = 0) -> int:
    """Length of the longest phrase that ends at token j (inclusive), or 0."""
    for k in range(min(5, j + 1 - lo), 0, -1):
        if tuple(t.low for t in toks[j - k + 1:j + 1]) in phrases:
            return k
    return 0


def _starts_with(toks: list[Token], i: int, phrases: set[tuple[str, ...]]) -> int:
    for k in range(5, 0, -1):
        if i + k <= len(toks) and tuple(t.low for t in toks[i:i + k]) in phrases:
            return k
    return 0


@dataclass
class _Speaker:
    name: str | None
    title: str | None
    official: Official | None = None


class _Finder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.toks = tokenize(doc)
        self.n = len(self.toks)
        self.lex = _lexicon()
        self.m = TitleMatcher(self.toks, title_lexicon())
        self.mention_end: dict[int, Official] = {}
        self.mention_start: dict[int, Official] = {}
        for o in doc.officials:
            for s, e in o.mentions:
                self.mention_end[e] = o
                self.mention_start[s] = o
        self.doc_mention_end: dict[int, Directive] = {
            e: d for d in doc.directives if d.kind == "document" for _, e in (d.mentions or [])}
        self.sent_start: list[int] = []   # token index -> index of its sentence's first token
        self._sentence_starts()

    def _sentence_starts(self) -> None:
        doc, toks = self.doc, self.toks
        starts = sorted({s.start for s in doc.sents} | {p.start for p in doc.paragraphs})
        si, cur = 0, 0
        for i, t in enumerate(toks):
            while si < len(starts) and starts[si] <= t.start:
                cur = i
                si += 1
            self.sent_start.append(cur)

    # -- speakers ---------------------------------------------------------------------

    def official_by_title(self, phrase: str) -> Official | None:
        key = key_lower(phrase)
        hits = [o for o in self.doc.officials if o.title and
                key in (x.strip() for x in re.split(r",|\s[-–]\s", key_lower(o.title)))]
        if not hits:
            hits = [o for o in self.doc.officials if o.title and key in key_lower(o.title)]
        if not hits:
            hits = [o for o in self.doc.officials
                    for p in o.extra.get("positions", []) if key_lower(p["role"]) in key
                    and p.get("organization") and key_lower(p["organization"]) in key]
        if not hits:
            # `Phó Bí thư Thường trực Huyện ủy` for one introduced as `Phó Bí thư Thường trực,
            # Chủ tịch HĐND huyện`: the same role, its organisation left implicit
            hits = [o for o in self.doc.officials
                    for p in o.extra.get("positions", [{"role": o.role, "organization": o.organization}])
                    if p["role"] and not p.get("organization")
                    and re.match(re.escape(key_lower(p["role"])) + r"(\s|$)", key)]
        return hits[0] if len({id(h) for h in hits}) == 1 else None

    def opens_clause(self, v: int) -> bool:
        """The verb opens its sentence, maybe after a connective (`Do đó, đề nghị …`)."""
        toks, lo = self.toks, self.sent_start[v]
        j = v - 1
        connective = False
        while j >= lo:
            k = _ends_with(toks, j, self.lex.adverbs, lo)
            if not k:
                break
            connective = connective or toks[j].text == ","
            j -= k
        # `…, vì vậy, đề nghị …`: a connective after a comma also opens a clause
        return j < lo or toks[j].text in ":;" or (connective and toks[j].text == ",")

    def carried(self, char: int, para_idx: int, last: "_Speaker | None", last_para: int,
                blocked: int = -1) -> "_Speaker | None":
        """The speaker a subject-less verb continues: the official named last before it,
        or the last speaker, whichever came later, within a few paragraphs; none when an
        unnamed subject has spoken since (`blocked`)."""
        o, pos = self.last_official_mention(char)
        if blocked > pos:
            return None
        o_para = self.doc.paragraph_index(pos) if o is not None else -1
        if o is not None and para_idx - o_para <= CARRY_PARAGRAPHS and (last is None or o_para >= last_para):
            return _Speaker(o.name, o.title, o)
        if last is not None and para_idx - last_para <= CARRY_PARAGRAPHS:
            return last
        return None

    def last_official_mention(self, char: int) -> tuple[Official | None, int]:
        best, pos = None, -1
        for o in self.doc.officials:
            for s, _ in o.mentions:
                if pos < s < char:
                    best, pos = o, s
        return best, pos

    def anaphor_official(self, char: int) -> Official | None:
        """The official an anaphor (`Ông đề nghị …`) refers to: the subject of the sentence
        that names the last official (`Chủ tịch Quốc hội A cho biết ông B … . Ông đề nghị`
        is A), else the official named last."""
        o, pos = self.last_official_mention(char)
        if o is None:
            return None
        sent = self.doc.sent_at(pos)
        if sent is None or sent.start <= char < sent.end:
            return o
        first, fpos = None, sent.end
        for x in self.doc.officials:
            for s, _ in x.mentions:
                if sent.start <= s < fpos:
                    first, fpos = x, s
        if first is not None and len(self.doc.text[sent.start:fpos].split()) <= 12:
            return first
        return o

    def subject_before(self, v: int) -> tuple[_Speaker | None, bool]:
        """The speaker ending right before the verb at token v; (speaker, found_subject)."""
        toks, lex, lo = self.toks, self.lex, self.sent_start[v]
        j = v - 1
        while j >= lo:
            k = _ends_with(toks, j, lex.adverbs, lo)
            if not k:
                break
            j -= k
        if j > lo and toks[j].text == ",":
            o = self.mention_end.get(toks[j - 1].end) or self.apposed_official(j, j - 1, lo)
            if o is not None:
                return _Speaker(o.name, o.title, o), True   # `đồng chí A, Bí thư Thành ủy, nhấn mạnh: …`
        if j < lo or toks[j].text in ":;(," or toks[j].low == "và":
            # `…, vì vậy, đề nghị …`, `X biểu dương … và yêu cầu …`: the sentence's subject
            return None, False
        o = self.mention_end.get(toks[j].end)
        if o is not None:
            return _Speaker(o.name, o.title, o), True
        # a title: `Phó Thủ tướng Thường trực lưu ý`, `Chủ tịch UBND tỉnh giao`
        for k in range(max(lo, j - 20), j + 1):
            pe = self.m.position_at(k)
            if pe < 0 or pe > j + 1:
                continue
            if k > 0 and (toks[k - 1].low in self.m.lex.prefixes or (
                    toks[k - 1].text[:1].isupper() and toks[k - 1].low in self.m.lex.org_heads)):
                continue   # (`Ban Bí thư`: a body's name, no title)
            if pe == j + 1 or self.m.org_end(pe, limit=j + 1) == j + 1:
                phrase = self.doc.text[toks[k].start:toks[j].end]
                o = self.apposed_official(k, j, lo) or self.official_by_title(phrase)
                if o is not None:
                    return _Speaker(o.name, o.title, o), True
                if not phrase[0].isupper():
                    return None, True   # `đại biểu Quốc hội đề nghị`: unnamed members, no one official
                return _Speaker(None, phrase), True
        issuer = self.document_issuer(j, lo)
        if issuer is not None:
            # `Sở GTVT có Công văn 450/SGTVT đề nghị …`: the issuer as written before the document
            sp, _ = self.subject_before(issuer + 1)
            if sp is not None and (sp.name or sp.title):
                return sp, True
        doc = self.doc_mention_end.get(toks[j].end)
        if doc is not None:
            # `Công văn số 3784/UBND-NC yêu cầu: …`: the document's stated issuer speaks through it
            return self.issuer_speaker(doc.issuer), True
        k = _ends_with(toks, j, lex.anaphors, lo)
        if k or any(_starts_with(toks, x, {("người", "đứng", "đầu")}) for x in range(max(lo, j - 8), j + 1)):
            return _Speaker(None, None), True     # resolved by the caller
        body = self.body_ending_at(j, lo)
        if body:
            return _Speaker(body, None), True
        return None, True

    def apposed_official(self, k: int, j: int, lo: int) -> Official | None:
        """`đồng chí A, Ủy viên …, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh đã kêu gọi …`: the
        title before the verb is the chain written after the name of official A."""
        toks = self.toks
        for x in range(k - 1, max(lo, k - 40) - 1, -1):
            o = self.mention_end.get(toks[x].end)
            if o is None:
                continue
            seg = key_lower(self.doc.text[toks[x].end:toks[j].end]).lstrip(" ,-–(")
            return o if o.title and seg and seg in key_lower(o.title) else None
        return None

    def issuer_speaker(self, issuer: str | None) -> "_Speaker | None":
        """The speaker for a document's stated issuer: an official with that title, the
        title itself, or a body."""
        if not issuer:
            return None
        o = self.official_by_title(issuer)
        if o is not None:
            return _Speaker(o.name, o.title, o)
        for o in self.doc.officials:
            if o.name == issuer:
                return _Speaker(o.name, o.title, o)
        key = tuple(key_lower(issuer).split())
        for k in range(min(self.m.lex.max_position + 2, len(key)), 0, -1):
            if key[:k] in self.m.lex.positions or (key[0] in self.m.lex.prefixes and key[1:k] in self.m.lex.positions):
                return _Speaker(None, issuer)
        return _Speaker(issuer, None)

    def document_issuer(self, j: int, lo: int) -> int | None:
        """`Sở GTVT có Công văn 450/SGTVT-QLVT đề nghị …`, `Chủ tịch UBND tỉnh vừa ban hành
        chỉ thị yêu cầu …`: the index of the last token of the issuer, who speaks through
        the document; None when no issued document ends at token j."""
        toks, lex = self.toks, self.lex
        k = j
        # the number and symbol of the document, and `số`/`ngày` with a date
        while k >= lo and not _ends_with(toks, k, lex.doc_heads, lo) and (
                not toks[k].is_word or toks[k].text[0].isdigit() or toks[k].text[0].isupper()
                or toks[k].low in ("số", "ngày", "tháng", "năm")):
            if toks[k].text in ",;:()“”\"":
                return None
            k -= 1
        if k < lo:
            return None
        h = _ends_with(toks, k, lex.doc_heads, lo)
        if not h:
            return None
        k -= h
        v = _ends_with(toks, k, lex.issue_verbs, lo)
        if not v:
            return None
        k -= v
        return k if k >= lo and toks[k].is_word else None

    def body_ending_at(self, j: int, lo: int) -> str | None:
        """A body's name (`huyện Vân Canh`, `Đảng ủy, Ban Thường vụ Đảng ủy UBND tỉnh`)
        that ends at token j and starts at a clause start."""
        toks, lex = self.toks, self.lex
        start = None
        for k in range(j, max(lo, j - MAX_SUBJECT) - 1, -1):
            t = toks[k]
            if t.text in ".;:()“”\"" and not inner_dot(toks, k):
                break
            if t.is_word and t.text[0].islower() and self.m.stop_at(k) and not any(
                    _starts_with(toks, x, lex.bodies) > k - x for x in range(max(lo, k - 3), k)):
                break   # a verb ends the subject; but `Đoàn kiểm tra`, `Đoàn giám sát` are names
            if _starts_with(toks, k, lex.bodies) and (k == lo or toks[k - 1].text in ",;:(" or
                                                       not toks[k - 1].is_word or toks[k - 1].low in
                                                       ("các", "thành", "viên")):
                start = k
        if start is None:
            return None
        # lower-case words inside must be few (names of bodies are mostly capitalised)
        words = [t for t in toks[start:j + 1] if t.is_word]
        if sum(1 for t in words if t.text[0].islower()) > 6 or not any(t.text[0].isupper() for t in words):
            return None
        return self.fullest_body(self.doc.text[toks[start].start:toks[j].end], toks[start].start)

    def fullest_body(self, body: str, before: int) -> str:
        """`UBND thành phố` after `UBND TP Hà Nội` was named: the named form."""
        m = _GENERIC_BODY.fullmatch(body)
        if not m:
            return body
        head = re.escape(m.group(1))
        named = re.search(head + r"\s+(?:TP\.?|thành phố|tỉnh|huyện|quận|thị xã|TX\.?)\s+(?:[A-ZĐ][\w]*\s?){1,4}",
                          self.doc.text[:before])
        return named.group(0).strip() if named else body

    def sentence_subject(self, v: int) -> _Speaker | None:
        """The subject at the start of the verb's sentence (`Các thành viên đoàn công tác
        WB cũng đánh giá cao …; đồng thời đề nghị …`)."""
        toks, lo = self.toks, self.sent_start[v]
        comma = next((x for x in range(lo, min(v, lo + 8)) if toks[x].text == ","), None)
        for first in ([lo] + ([comma + 1] if comma is not None else [])):
            for i in range(first, min(v, first + 12)):
                if toks[i].is_word and toks[i].text[0].islower() and self.m.stop_at(i):
                    break
                o = self.mention_start.get(toks[i].start)
                if o is not None:
                    return _Speaker(o.name, o.title, o)
            while first < v and _starts_with(toks, first, _PLURALS):
                first += _starts_with(toks, first, _PLURALS)
            k = _starts_with(toks, first, self.lex.bodies)
            if k:
                j = first + k
                while j < v and toks[j].is_word and (toks[j].text[0].isupper() or toks[j].low in ("tỉnh", "huyện", "xã")):
                    j += 1
                body = self.doc.text[toks[first].start:toks[j - 1].end]
                if any(t.text[0].isupper() for t in toks[first:j] if t.is_word):
                    return _Speaker(self.fullest_body(body, toks[first].start), None)
        return None

    def clause_subject(self, v: int) -> _Speaker | None:
        """`…, ông A – Chủ tịch UBND thị xã trực tiếp đến hiện trường, chỉ đạo …`: a verb in a
        series after a comma continues the official who is the clause's subject (named
        after the sentence start or a comma, not after a preposition)."""
        toks, lo = self.toks, self.sent_start[v]
        if toks[v - 1].text != ",":
            return None
        best = None
        for x in range(lo, v):
            o = self.mention_start.get(toks[x].start)
            if o is not None:
                h = self.m.honorific_before(x)
                a = h if h >= lo else x
                best = (o, a)
            elif toks[x].text in ";:":
                best = None
        if best is None:
            return None
        o, a = best
        if a == lo or toks[a - 1].text == ",":
            return _Speaker(o.name, o.title, o)
        return None

    # -- text ---------------------------------------------------------------------------

    def statement(self, v_end: int) -> tuple[int, int] | None:
        """Char span of what is instructed, from after the verb to the statement's end."""
        doc, toks = self.doc, self.toks
        if v_end >= self.n:
            return None
        i = v_end
        colon = False
        while i < self.n and toks[i].text in ",:":
            colon = colon or toks[i].text == ":"
            i += 1
        if i >= self.n:
            return None
        start = toks[i].start
        para = doc.paragraph_at(start)
        sent = doc.sent_at(start)
        if para is None:
            return None
        if toks[i].text in "“\"":
            # `nhấn mạnh: “…”`: the quotation without its quotation marks
            close = doc.text.find("”" if toks[i].text == "“" else "\"", start + 1, para.end)
            end = close if close > 0 else para.end
            start = toks[i + 1].start if i + 1 < self.n and toks[i + 1].start < end else start
        elif colon:
            end = para.end
        else:
            end = sent.end if sent else para.end
            end = min(end, para.end)
        text = doc.text[start:end].rstrip()
        return start, start + len(text)


def annotate(doc: Doc) -> None:
    """Find instructions in `doc` and add them to `doc.directives`."""
    f = _Finder(doc)
    toks, lex = f.toks, f.lex
    verbs = set(lex.verbs)
    first_words = {v[0] for v in verbs}
    out: list[Directive] = []
    covered = -1
    last: _Speaker | None = None
    last_para = -1
    blocked = -1
    sent_subject: tuple[int, _Speaker] | None = None
    for i in range(f.n):
        t = toks[i]
        if t.low not in first_words or t.start < covered:
            continue
        k = _starts_with(toks, i, verbs)
        if not k:
            continue
        if t.text[0].isupper() and f.sent_start[i] != i:
            continue  # `Ban Chỉ đạo`, `Chỉ thị số 40`: part of a name
        if f.m.in_compound(i):
            continue  # `Trưởng ban chỉ đạo phòng, chống dịch`: part of a body's name
        nxt = toks[i + k] if i + k < f.n else None
        if nxt is not None and (nxt.low in ("số", "này", "đó") or nxt.text[0].isdigit()) and not (
                nxt.text.isdigit() and t.text[0].islower() and _starts_with(toks, i + k + 1, lex.counted)):
            continue  # `Chỉ thị 15`, `giao 5 ha`; but `chỉ đạo 3 tổ công tác …`
        weak = lex.verbs[tuple(x.low for x in toks[i:i + k])]
        if i > 0 and _ends_with(toks, i - 1, lex.noun_before) and f.document_issuer(i - 1, f.sent_start[i]) is None:
            continue  # `theo đề nghị`, `văn bản đề nghị của …`; but `UBND tỉnh đã có văn bản đề nghị …`
        if i + k < f.n and toks[i + k].low in lex.noun_after and toks[i + k].text[:1].islower() \
                and _starts_with(toks, i + k, lex.bodies) < 2:
            continue  # `giao thông`, `giao ban`; but `giao Ban Quản lý …`, `giao ban thường vụ các tỉnh ủy …`
        if i + k < f.n and toks[i + k].text[:1].isalpha() and toks[i + k].start == toks[i + k - 1].end:
            continue
        if _list_item(f, i, k):
            continue
        speaker, had_subject = f.subject_before(i)
        if speaker is None and had_subject:
            if i + k < f.n and toks[i + k].text == ":":
                blocked = t.start   # `lãnh đạo Hội … nhấn mạnh: …`: someone unnamed speaks from here
            continue  # something else is the subject: not an instruction by anyone we know
        para_idx = doc.paragraph_index(t.start)
        if speaker is not None and (speaker.name or speaker.title):
            sent_subject = (f.sent_start[i], speaker)
        elif speaker is None and sent_subject is not None and sent_subject[0] == f.sent_start[i]:
            speaker = sent_subject[1]   # `A nhấn mạnh: …, đồng thời đề nghị …`: the subject of an earlier verb
        if speaker is None:
            opens = f.opens_clause(i)
            speaker = f.sentence_subject(i) if not opens or f.sent_start[i] < i else None
            if speaker is None and not opens:
                speaker = f.clause_subject(i)
            if speaker is None and opens:
                if _later_subject(f, i + k):
                    continue  # `Quán triệt chỉ đạo …, UBND tỉnh đã ban hành …`: an adverbial phrase
                speaker = f.carried(t.start, para_idx, last, last_para, blocked)
            if speaker is None:
                continue
        if speaker.name is None and speaker.title is None:   # anaphor
            o = f.anaphor_official(t.start)
            if o is None:
                continue
            speaker = _Speaker(o.name, o.title, o)
        span = f.statement(i + k)
        if span is None:
            continue
        s, e = span
        text = doc.text[s:e]
        attribution = _attribution(doc, f, i, s, e)
        if attribution:
            s, e = attribution
            text = doc.text[s:e]
        if len(text.split()) < MIN_WORDS:
            continue
        if weak and not _has_cue(doc, s, e, lex, window=None if attribution else CUE_WINDOW):
            continue
        out.append(Directive(kind="instruction", speaker=speaker.name, speaker_title=speaker.title,
                             verb=doc.text[t.start:toks[i + k - 1].end].lower(), text=text, span=[s, e]))
        covered = max(covered, e) if not attribution else covered
        last, last_para = speaker, para_idx
        blocked = -1
    doc.directives.extend(out)


_TENSE = {"đã", "vừa", "đang", "sẽ", "cũng"}


def _later_subject(f: "_Finder", j: int) -> bool:
    """A sentence-initial verb phrase followed by `, <body> đã …`: the phrase is adverbial
    and the body is the sentence's subject."""
    toks = f.toks
    for x in range(j, min(f.n - 1, j + 40)):
        t = toks[x]
        if t.text in ".;:!?" and not inner_dot(toks, x):
            return False
        if t.text == "," and _starts_with(toks, x + 1, f.lex.bodies):
            for y in range(x + 2, min(f.n, x + 10)):
                if toks[y].low in _TENSE:
                    return True
                if not toks[y].is_word and toks[y].text not in "&-/.":
                    break
    return False


def _list_item(f: "_Finder", i: int, k: int) -> bool:
    """`công tác nắm bắt, chỉ đạo, điều hành`: the verb is one noun of a list, with a comma
    before it and a comma or `và` right after it."""
    toks = f.toks
    if i < 2 or i + k >= f.n or toks[i - 1].text != "," or not (toks[i + k].text == "," or toks[i + k].low == "và"):
        return False
    prev = toks[i - 2]
    return prev.is_word and prev.text[0].islower() and f.mention_end.get(prev.end) is None


_NOT_BEFORE_CUE = {"nhằm", "để", "đã", "được"}


def _has_cue(doc: Doc, s: int, e: int, lex: _Lex, window: int | None) -> bool:
    words = key_lower(doc.text[s:e]).split()[:window]
    for n in range(len(words)):
        if words[n] == "là":
            return False  # `… nhấn mạnh quý II là thời điểm …`: a statement
        if n > 0 and words[n - 1] in _NOT_BEFORE_CUE:
            continue  # `nhằm hỗ trợ`, `đã triển khai`: a purpose or a past act, not an order
        for k in (1, 2, 3):
            if tuple(words[n:n + k]) in lex.cues:
                return True
    return False


_AFTER_ATTRIBUTION = ("tại", "trong", "khi", "với")


def _attribution(doc: Doc, f: _Finder, v: int, s: int, e: int) -> tuple[int, int] | None:
    """A verb after a quotation (`“…”, Chủ tịch UBND tỉnh nhấn mạnh.`, or a paragraph
    `(… nhấn mạnh tại buổi làm việc …)` after a quoted paragraph): the quotation is
    the instruction. None when the verb introduces its own statement."""
    idx = doc.paragraph_index(f.toks[v].start)
    if idx < 0:
        return None
    para = doc.paragraphs[idx]
    after = doc.text[s:e].split()
    parenthetical = para.text.startswith("(") and para.text.rstrip(".").endswith(")")
    if not parenthetical and len(after) >= MIN_WORDS and after[0].lower() not in _AFTER_ATTRIBUTION:
        return None
    before = doc.text[para.start:f.toks[v].start]
    for oq, cq in (("“", "”"), ('"', '"')):
        close = before.rfind(cq)
        if close >= 0 and len(before[close:].split()) <= 12:
            open_ = before.rfind(oq, 0, close)
            if open_ >= 0:
                return _trim(doc, para.start + open_ + 1, para.start + close)
    if parenthetical and idx > 0:
        prev = doc.paragraphs[idx - 1]
        if prev.text.startswith(("“", "\"")):
            return _trim(doc, prev.start + 1, prev.end)
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end > start and doc.text[end - 1] in "”\" ":
        end -= 1
    return start, end
