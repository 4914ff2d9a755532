"""Every flow implements the one contract dispatch, commands and interrupt use; the step tables agree;
the handlers import one another without a cycle."""
from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import pytest

from handlers import (
    complaint,
    contact,
    contract,
    corruption,
    flows,
    inquiry,
    report,
    report_prompts,
    suggestion,
    survey,
)
from handlers import postback as pb

HANDLERS = Path(__file__).resolve().parents[2] / "handlers"


@pytest.mark.parametrize("module", [complaint, corruption, survey, inquiry, suggestion],
                         ids=["complaint", "corruption", "survey", "inquiry", "suggestion"])
def test_every_flow_implements_the_contract(module) -> None:
    flow = flows.FLOWS[module.FLOW]
    assert isinstance(flow, contract.Flow)
    assert (flow.name, flow.ns, flow.steps, flow.free_text) == (module.FLOW, module.NS, module.STEPS,
                                                                module.FREE_TEXT)
    assert (flow.start, flow.handle, flow.has_content) == (module.start, module.handle, module.has_content)
    assert flow.free_text <= set(flow.steps) and set(flow.words) <= set(flow.steps)
    # Only the survey's answer (its comment) expires; the others keep their drafts however long.
    assert flow.idle_after == (timedelta(minutes=60) if module is survey else None)


def test_the_flows_are_the_five() -> None:
    assert set(flows.FLOWS) == {"complaint", "corruption", "survey", "inquiry", "suggestion", "reopen",
                                  "staff"}
    assert all(isinstance(flows.FLOWS[m.FLOW], report.Flow) for m in (complaint, corruption, suggestion))


@pytest.mark.parametrize("flow", [complaint, corruption], ids=["complaint", "corruption"])
def test_a_flow_module_offers_the_interface(flow) -> None:
    assert flows.FLOWS[flow.FLOW] is flow.REPORT
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


def handlers_imports() -> dict[str, set[str]]:
    """handlers module -> the handlers modules it imports, at the top or inside a function."""
    graph: dict[str, set[str]] = {}
    for path in HANDLERS.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("handlers.")}
            elif isinstance(node, ast.ImportFrom) and node.module == "handlers":
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("handlers."):
                found.add(node.module.split(".")[1])
        graph[path.stem] = {m for m in found if (HANDLERS / f"{m}.py").exists()} - {path.stem}
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path of modules, or [] (depth-first search)."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = "done"
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_handlers_import_one_another_without_a_cycle() -> None:
    graph = handlers_imports()
    assert {"dispatch", "flows", "commands", "survey"} <= set(graph)
    assert "commands" in graph["dispatch"] and "survey" in graph["flows"]  # the graph is really read
    assert cycle_in(graph) == []


def test_the_cycle_finder_finds_one() -> None:
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) == []


def test_contact_reading() -> None:
    assert contact.phone_in("+66 81 234 5678") == "0812345678"
    assert contact.phone_in("12345") is None and contact.looks_like_phone_attempt("12345")
    draft = {}
    assert contact.set_contact(draft, "Somchai 081-234-5678", "fallback") == "ok"
    assert draft == {"contact_mode": "given", "phone": "0812345678", "name": "Somchai"}
    assert contact.set_contact({}, "0812", "") == "none"
