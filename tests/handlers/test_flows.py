"""The flow modules offer what dispatch, commands and interrupt use, and their step tables agree."""
from __future__ import annotations

import pytest

from handlers import complaint, contact, corruption, flows, report_prompts
from handlers import postback as pb


@pytest.mark.parametrize("flow", [complaint, corruption], ids=["complaint", "corruption"])
def test_a_flow_module_offers_the_interface(flow) -> None:
    assert flows.FLOWS[flow.FLOW] is flow
    for name in ("STEPS", "FREE_TEXT", "has_content", "prompt", "handle", "start"):
        assert hasattr(flow, name), name
    spec = flow.REPORT
    assert (spec.name, spec.ns, spec.steps) == (flow.FLOW, flow.NS, flow.STEPS)
    assert flow.NS in (pb.COMPLAINT, pb.CORRUPTION)


@pytest.mark.parametrize("flow", [complaint, corruption], ids=["complaint", "corruption"])
def test_step_tables_name_known_steps(flow) -> None:
    steps = set(flow.STEPS)
    assert set(flow.NEXT) | set(flow.NEXT.values()) <= steps
    assert set(flow.BACK) | set(flow.BACK.values()) <= steps
    assert set(flow.WORD_ACTIONS) <= steps and steps >= flow.FREE_TEXT
    assert set(flow.REPORT.edit_steps.values()) <= steps
    assert set(flow.REPORT.edit_steps) <= set(report_prompts.PART_LABELS)
    assert set(contact.STEPS) <= steps


def test_contact_reading() -> None:
    assert contact.phone_in("+66 81 234 5678") == "0812345678"
    assert contact.phone_in("12345") is None and contact.looks_like_phone_attempt("12345")
    draft = {}
    assert contact.set_contact(draft, "Somchai 081-234-5678", "fallback") == "ok"
    assert draft == {"contact_mode": "given", "phone": "0812345678", "name": "Somchai"}
    assert contact.set_contact({}, "0812", "") == "none"
