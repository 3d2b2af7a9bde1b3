"""The pipeline checks, when it is built, that each component comes after what it requires."""
from __future__ import annotations

import doctest

import pytest

import vnnews
from vnnews.nlp import component, documents, figures, instructions, locations, officials
from vnnews.nlp.pipeline import Pipeline, PipelineOrderError, default_components, get_pipeline


def test_component_doctest():
    failures, tried = doctest.testmod(component)
    assert tried > 0 and failures == 0


def test_every_default_component_declares_what_it_assigns():
    declared = {name: (c.requires, c.assigns) for name, c in default_components()}
    assert declared == {
        "officials": ((), ("officials",)),
        "locations": ((), ("locations",)),
        "figures": ((), ("figures",)),
        "documents": ((), ("documents",)),
        "instructions": (("officials", "documents"), ("instructions",)),
    }
    assert get_pipeline().names == list(declared)


def test_a_wrong_order_fails_when_the_pipeline_is_built():
    with pytest.raises(PipelineOrderError) as err:
        Pipeline([("instructions", instructions.annotate), ("officials", officials.annotate),
                  ("documents", documents.annotate)])
    assert str(err.value) == ("component 'instructions' requires 'officials', which no component before it "
                              "assigns (put 'officials' before 'instructions'; order: instructions, officials, "
                              "documents)")


def test_a_missing_component_is_named():
    with pytest.raises(PipelineOrderError, match="component 'instructions' requires 'documents'.*add a component"):
        Pipeline([("officials", officials.annotate), ("instructions", instructions.annotate)])


def test_a_right_order_runs():
    nlp = Pipeline([("figures", figures.annotate), ("locations", locations.annotate)])
    doc = nlp("Xã An Khánh có 82 hộ dân.")
    assert [f.text for f in doc.figures] == ["82 hộ dân"] and doc.locations


def test_an_unknown_record_is_refused():
    with pytest.raises(ValueError, match="unknown record 'people'"):
        component.declares(assigns=("people",))


def test_a_plain_function_is_a_component():
    seen = []
    nlp = Pipeline([("officials", officials.annotate), ("count", lambda doc: seen.append(len(doc.officials)))])
    nlp("Bí thư Huyện ủy Phan Song Toàn dự họp.")
    assert seen == [1]
    assert vnnews.extract("Bí thư Huyện ủy Phan Song Toàn dự họp.").officials[0].name == "Phan Song Toàn"
