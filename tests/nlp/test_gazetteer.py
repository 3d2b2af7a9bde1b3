"""The gazetteer of administrative units (vnnews.nlp.gazetteer) on its real resource."""
from __future__ import annotations

import datetime as dt

import pytest

from vnnews.nlp.gazetteer import get_gazetteer, lookup


def _valid(on: str, pred) -> list:
    return [u for u in get_gazetteer().units.values() if u.valid_on(on) and pred(u)]


def test_63_provinces_before_the_reform_and_34_after():
    assert len(_valid("2025-06-30", lambda u: u.parent_id is None)) == 63
    assert len(_valid("2025-07-01", lambda u: u.parent_id is None)) == 34


def test_district_level_abolished_and_3321_communes_after_the_reform():
    assert _valid("2025-07-01", lambda u: u.level in ("huyện", "quận", "thị xã")) == []
    assert len(_valid("2025-07-01", lambda u: u.parent_id is not None)) == 3321
    before = _valid("2025-06-30", lambda u: u.level in ("xã", "phường", "thị trấn"))
    assert 9900 < len(before) < 10700


def test_chau_thanh_of_ben_tre_is_a_district_with_its_parent_chain():
    units = lookup("Châu Thành", level="huyện", province="Bến Tre", on="2022-09-19")
    assert len(units) == 1
    u = units[0]
    assert u.parent.name == "Bến Tre" and u.province.name == "Bến Tre"
    assert u.current.name == "Vĩnh Long"  # Bến Tre merged into Vĩnh Long in 2025
    # there are many Châu Thành districts in the Mekong delta
    assert len(lookup("Châu Thành", level="huyện", on="2022-09-19")) >= 8


def test_commune_chain_goes_through_its_district():
    u = lookup("An Khánh", level="xã", province="Bến Tre", on="2022-09-19")[0]
    assert [a.name for a in u.chain] == ["Châu Thành", "Bến Tre"]


def test_old_to_new_mapping_of_a_merged_province():
    u = lookup("Bình Định", level="tỉnh")[0]
    assert u.valid_to == "2025-07-01"
    assert u.current.name == "Gia Lai" and u.current.valid_from == "2025-07-01"
    assert u.merged


def test_validity_by_date_string_date_and_datetime():
    for on in ("2026-01-08", dt.date(2026, 1, 8), dt.datetime(2026, 1, 8, 18, 21)):
        assert [u.name for u in lookup("Bình Định", level="tỉnh", on=on)] == ["Bình Định"]  # all versions: none valid
        assert lookup("Gia Lai", level="tỉnh", on=on)[0].valid_from == "2025-07-01"


def test_renamed_province_hue():
    old = lookup("Thừa Thiên Huế", on="2020-05-01")
    assert old and old[0].level == "tỉnh"
    new = lookup("Huế", level="thành phố", on="2026-01-01")
    assert new and new[0].parent_id is None


def test_level_history_from_aliases():
    """Hoài Nhơn was a huyện before it became a thị xã (2020)."""
    assert {u.level for u in lookup("Hoài Nhơn", province="Bình Định", on="2017-06-01")} == {"huyện"}
    assert {u.level for u in lookup("Hoài Nhơn", province="Bình Định", on="2025-04-21")} == {"thị xã"}


@pytest.mark.parametrize("alias", ["TP.HCM", "TPHCM", "HCM", "TP HCM"])
def test_ho_chi_minh_city_aliases(alias):
    assert any(u.name == "Hồ Chí Minh" and u.level == "thành phố" for u in lookup(alias))


@pytest.mark.parametrize("a,b", [("Hoà Bình", "Hòa Bình"), ("Thanh Thuỷ", "Thanh Thủy"), ("Đăk Hà", "Đắk Hà")])
def test_spelling_variants_find_the_same_units(a, b):
    ids_a = {u.base_id for u in lookup(a)}
    assert ids_a and ids_a == {u.base_id for u in lookup(b)}


def test_numbered_wards_keep_their_level_word():
    assert any(u.level == "phường" for u in lookup("Phường 4", province="Tiền Giang"))
    assert any(u.level == "quận" for u in lookup("Quận 1", province="Hồ Chí Minh"))


def test_unknown_names():
    assert lookup("Atlantis") == []
    assert lookup("") == []


def test_every_parent_and_current_reference_resolves():
    g = get_gazetteer()
    for u in g.units.values():
        if u.parent_id is not None:
            assert g.get(u.parent_id) is not None, u
        if u.current_id is not None:
            cur = g.get(u.current_id)
            assert cur is not None and cur.valid_from == "2025-07-01", u


def test_most_old_communes_map_to_a_new_one():
    old = _valid("2025-06-30", lambda u: u.level in ("xã", "phường", "thị trấn"))
    mapped = [u for u in old if u.current is not None and u.current.level in ("xã", "phường", "đặc khu")]
    assert len(mapped) / len(old) > 0.95


@pytest.mark.parametrize("written,level", [("xã An Khánh", "xã"), ("TP. Bến Tre", "thành phố"),
                                           ("Huyện Châu Thành", "huyện"), ("TX Ba Tri", None)])
def test_lookup_reads_a_leading_level_word(written, level):
    units = lookup(written, province="Bến Tre", on="2022-09-19")
    if level is None:  # Ba Tri is a huyện: `TX` asks for a thị xã, which does not exist
        assert units == []
    else:
        assert units and all(u.level == level for u in units)


def test_lookup_date_forms_and_a_bad_date():
    iso = lookup("Huế", level="thành phố", on="2026-01-01")
    assert lookup("Huế", level="thành phố", on="2026-01-01T08:00:00+07:00") == iso
    assert lookup("Huế", level="thành phố", on=dt.datetime(2026, 1, 1, 8)) == iso
    with pytest.raises(ValueError, match="'hôm qua'"):
        lookup("Huế", on="hôm qua")


def test_leading_level_word_in_decomposed_unicode():
    import unicodedata

    written = unicodedata.normalize("NFD", "Huyện Châu Thành")
    assert [u.level for u in lookup(written, province="Bến Tre", on="2022-09-19")] == ["huyện"]


def test_a_level_change_takes_effect_on_its_resolution_date_not_the_snapshot_date():
    from vnnews.nlp.gazetteer import lookup

    # huyện Thủy Nguyên became a city on 1 January 2025 (level_changes.tsv), not on the
    # snapshot's approximate 1 November 2024
    assert [u.level for u in lookup("Thủy Nguyên", province="Hải Phòng", on="2024-12-14")] == ["huyện"]
    assert [u.level for u in lookup("Thủy Nguyên", province="Hải Phòng", on="2025-01-02")] == ["thành phố"]
    assert [u.level for u in lookup("Dĩ An", level="thị xã", province="Bình Dương", on="2020-01-20")] == ["thị xã"]
    assert lookup("Dĩ An", level="thành phố", province="Bình Dương", on="2020-01-20")[0].valid_from == "2020-02-01"


@pytest.mark.parametrize("name,province,day,level", [
    ("Phú Quốc", "Kiên Giang", "2020-12-31", "huyện"),      # a former level the packages lack
    ("Phú Quốc", "Kiên Giang", "2021-01-01", "thành phố"),
    ("Thuận Thành", "Bắc Ninh", "2022-06-01", "huyện"),     # thị xã from 2023-04-10, not 2020
    ("Thuận Thành", "Bắc Ninh", "2023-05-01", "thị xã"),
    ("Tĩnh Gia", "Thanh Hóa", "2018-03-01", "huyện"),       # a former name (now Nghi Sơn)
    ("Nghi Sơn", "Thanh Hóa", "2021-03-01", "thị xã"),
    ("Thừa Thiên Huế", None, "2024-12-31", "tỉnh"),
])
def test_level_history_gives_the_level_on_the_article_date(name, province, day, level):
    assert [u.level for u in lookup(name, province=province, on=day) if u.tier <= 1] == [level]


def test_every_level_change_row_names_a_unit_with_both_levels():
    from vnnews import resources
    from vnnews.nlp.gazetteer import get_gazetteer

    g = get_gazetteer()
    for row in resources.table("gazetteer/level_changes.tsv"):
        uid, old, new, day, source = row[:5]
        levels = {u.level: u for s in ("", "~", "^") if (u := g.units.get(uid + s))}
        assert old in levels and new in levels, row
        assert levels[old].valid_to == day and levels[new].valid_from == day, row
        assert source.startswith("Nghị quyết"), row


@pytest.mark.parametrize("written,name", [("Hải Châu 1", "Hải Châu I"), ("Cư Mta", "Cư M'ta"),
                                          ("Ea Hleo", "Ea H'leo")])
def test_spelling_variants_of_numbered_and_minority_names(written, name):
    assert any(u.name == name for u in lookup(written))


def test_every_district_ends_on_the_reform_and_every_old_province_has_its_new_one():
    from vnnews.nlp.gazetteer import REFORM, get_gazetteer

    g = get_gazetteer()
    districts = [u for u in g.units.values() if u.id.startswith("d")]
    assert len({u.base_id for u in districts}) > 690
    assert all(u.valid_to is not None and u.valid_to <= REFORM for u in districts)
    old_provinces = [u for u in g.units.values() if u.id.startswith("p") and u.valid_to == REFORM]
    assert len({u.base_id for u in old_provinces}) == 63
    assert all(u.current is not None and u.current.id.startswith("P") for u in old_provinces)
    assert len({u.current.id for u in old_provinces}) == 34
