"""The satisfaction survey as a pure conversation: services, one-tap questions, the comment, a case's
survey, and interruptions that keep the answers."""
from __future__ import annotations

from datetime import timedelta

from handlers.types import CommentSurvey, Context, DiscardDraft, QuestionInfo, ServiceInfo, State, SubmitSurvey
from messages_th import survey_defaults
from tests.handlers.conftest import Chat, all_text, data_of, effects_of, labels, words_of

FOUR = ["มากที่สุด", "มาก", "น้อย", "น้อยที่สุด"]
QIDS = [10, 11, 12, 13, 14]  # the FakeLookup's default questions


def answer_buttons(out) -> list[str]:
    return [d for d in data_of(out) if d.startswith("sv:a:")]


def rate_all(chat: Chat, values=(4, 3, 4, 2, 1)):
    out = None
    for qid, value in zip(QIDS, values):
        out = chat.tap(f"sv:a:{qid}:{value}")
    return out


def test_menu_survey_lists_the_services_then_asks_one_tap_questions(chat: Chat) -> None:
    out = chat.tap("menu:survey")
    assert (chat.state.flow, chat.state.step) == ("survey", "service")
    names = [s["label"] for s in survey_defaults.SERVICES]
    assert labels(out)[: len(names)] == names and labels(out)[-1] == "ยกเลิก"
    out = chat.tap("sv:svc:3")  # the old-age allowance
    assert "เบี้ยยังชีพผู้สูงอายุ/คนพิการ" in all_text(out) and "ข้อ 1 จาก 5" in all_text(out)
    assert labels(out)[:4] == FOUR and answer_buttons(out) == [f"sv:a:10:{v}" for v in (4, 3, 2, 1)]
    assert survey_defaults.QUESTIONS[0]["text"] in all_text(out)
    out = chat.tap("sv:a:10:4")
    assert "ข้อ 2 จาก 5" in all_text(out) and not out.effects  # nothing stored before the last answer


def test_the_last_rating_stores_every_answer_against_the_question_shown(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:2")
    out = rate_all(chat)
    [submit] = effects_of(out, SubmitSurvey)
    assert submit == SubmitSurvey(service_id=2, ticket="", answers=((10, 4), (11, 3), (12, 4), (13, 2), (14, 1)))
    assert chat.state.step == "comment" and not out.replies
    asked = chat.after(out, {0: {"response_id": 9}})
    assert "ความเห็น" in words_of(asked) and "ข้าม" in words_of(asked)
    out = chat.text("เจ้าหน้าที่พูดจาดี บริการรวดเร็ว ขอบคุณค่ะ")
    assert effects_of(out, CommentSurvey) == [CommentSurvey("เจ้าหน้าที่พูดจาดี บริการรวดเร็ว ขอบคุณค่ะ")]
    assert chat.state == State.idle() and "ขอบคุณ" in all_text(out)


def test_the_comment_is_optional(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    rate_all(chat)
    out = chat.tap("sv:skip")
    assert not out.effects and chat.state == State.idle() and "ขอบคุณ" in all_text(out)
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    rate_all(chat)
    out = chat.text("ไม่มีค่ะ")  # typed "none": the same as skip
    assert not effects_of(out, CommentSurvey) and chat.state == State.idle()


def test_a_comment_that_tells_a_problem_is_also_offered_as_a_complaint(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:5")
    rate_all(chat)
    out = chat.text("ขยะหน้าบ้านไม่มีคนมาเก็บสามวันแล้ว ส่งกลิ่นเหม็น")
    assert effects_of(out, CommentSurvey) and "fl:as:complaint" in data_of(out)
    chat.tap("fl:as:complaint")
    assert chat.state.flow == "complaint" and "ขยะหน้าบ้าน" in chat.state.data["draft"]["description"]


def test_typed_answers_back_and_old_buttons(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    chat.text("มากที่สุดค่ะ")
    chat.text("2")
    assert chat.state.data["draft"]["answers"] == [4, 2]
    chat.tap("sv:back")
    assert chat.state.data["draft"]["answers"] == [4]
    out = chat.tap("sv:a:10:1")  # q1's button again, from an older message: not counted twice
    assert chat.state.data["draft"]["answers"] == [4] and "ข้อ 2 จาก 5" in all_text(out)
    out = chat.tap("sv:a:99:4")  # no such question
    assert "ใช้ไม่ได้แล้ว" in all_text(out) and chat.state.data["draft"]["answers"] == [4]
    out = chat.tap("sv:a:11:7")  # not on the scale
    assert chat.state.data["draft"]["answers"] == [4]
    chat.tap("sv:back")
    chat.tap("sv:back")  # back from the first question: the list of services
    assert chat.state.step == "service"


def test_stars_scale(lookup, ctx: Context) -> None:
    lookup.questions = [QuestionInfo(id=21, key="overall", text="ให้คะแนนความพึงพอใจโดยรวม", scale="stars"),
                        QuestionInfo(id=22, key="speed", text="ความรวดเร็ว", scale="four"),
                        QuestionInfo(id=23, key="again", text="จะใช้บริการอีก", scale="four")]
    chat = Chat(ctx)
    chat.tap("menu:survey")
    out = chat.tap("sv:svc:1")
    assert answer_buttons(out) == [f"sv:a:21:{v}" for v in (5, 4, 3, 2, 1)]
    assert labels(out)[0] == "\u2b50" * 5 + " 5 ดาว"
    chat.text("5")
    chat.tap("sv:a:22:3")
    out = chat.tap("sv:a:23:4")
    assert effects_of(out, SubmitSurvey)[0].answers == ((21, 5), (22, 3), (23, 4))


def test_a_new_question_version_mid_survey_does_not_move_the_answers(lookup, ctx: Context) -> None:
    chat = Chat(ctx)
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    chat.tap("sv:a:10:4")
    lookup.questions = [QuestionInfo(id=30 + i, key=q.key, text=q.text + " (แก้ไข)") for i, q in
                        enumerate(lookup.questions)]  # staff reword every question meanwhile
    out = rate_all_from(chat, start=1)
    assert [qid for qid, _ in effects_of(out, SubmitSurvey)[0].answers] == QIDS


def rate_all_from(chat: Chat, start: int):
    out = None
    for qid in QIDS[start:]:
        out = chat.tap(f"sv:a:{qid}:3")
    return out


def test_a_resolved_case_is_rated_once_by_its_reporter(lookup, chat: Chat) -> None:
    lookup.add("U-citizen", "NMK6811-0042", status="resolved")
    out = chat.tap("sv:case:NMK6811-0042")
    assert "NMK6811-0042" in all_text(out) and chat.state.step == "question"  # no service to choose
    assert "sv:back" not in data_of(out)
    out = rate_all(chat)
    [submit] = effects_of(out, SubmitSurvey)
    assert submit.ticket == "NMK6811-0042" and submit.service_id == 1  # the for_cases service
    assert len(submit.answers) == 5
    already = chat.after(out, {0: {"refused": "rated"}})  # stored meanwhile by another tap
    assert "ประเมินแล้ว" in words_of(already)
    lookup.rated.add("NMK6811-0042")
    out = chat.tap("sv:case:NMK6811-0042")
    assert "ประเมินแล้ว" in all_text(out) and chat.state == State.idle() and not effects_of(out, SubmitSurvey)


def test_only_the_reporter_rates_a_case_and_only_once_resolved(lookup, ctx: Context) -> None:
    lookup.add("U-someone-else", "NMK6811-0001", status="resolved")
    lookup.add("U-citizen", "NMK6811-0002", status="in_progress")
    chat = Chat(ctx)
    out = chat.tap("sv:case:NMK6811-0001")
    assert "ไม่พบเรื่อง" in all_text(out) and chat.state == State.idle()
    out = chat.tap("sv:case:NMK6811-0002")
    assert "ยังดำเนินการไม่เสร็จ" in all_text(out) and chat.state == State.idle()


def test_the_case_is_checked_again_before_storing(lookup, chat: Chat) -> None:
    lookup.add("U-citizen", "NMK6811-0042", status="resolved")
    chat.tap("sv:case:NMK6811-0042")
    for qid in QIDS[:-1]:
        chat.tap(f"sv:a:{qid}:4")
    lookup.rated.add("NMK6811-0042")  # rated meanwhile
    out = chat.tap(f"sv:a:{QIDS[-1]}:4")
    assert not effects_of(out, SubmitSurvey) and "ประเมินแล้ว" in all_text(out)


def test_a_menu_tap_mid_survey_offers_to_resume_and_keeps_the_answers(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    chat.tap("sv:a:10:4")
    chat.tap("sv:a:11:3")
    out = chat.tap("menu:complaint")
    assert data_of(out) == ["fl:resume", "fl:new:complaint", "fl:drop"]
    assert "ประเมินความพึงพอใจ" in all_text(out) and chat.state.flow == "survey"
    out = chat.tap("fl:resume")
    assert "ข้อ 3 จาก 5" in all_text(out) and chat.state.data["draft"]["answers"] == [4, 3]
    assert "pending" not in chat.state.data
    rate_all_from(chat, start=2)
    assert chat.state.step == "comment"


def test_a_complaint_typed_mid_survey_is_asked_about_then_started(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    chat.tap("sv:a:10:4")
    out = chat.text("ไฟทางหน้าบ้านดับมาสามวันแล้ว")
    assert "fl:new:complaint" in data_of(out) and chat.state.data["draft"]["answers"] == [4]
    out = chat.tap("fl:new:complaint")
    assert chat.state.flow == "complaint" and effects_of(out, DiscardDraft) == [DiscardDraft("survey")]
    assert chat.state.data["draft"]["description"] == "ไฟทางหน้าบ้านดับมาสามวันแล้ว"


def test_a_ticket_or_a_side_question_mid_survey_keeps_it(lookup, chat: Chat) -> None:
    lookup.add("U-citizen", "NMK6811-0007")
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    chat.tap("sv:a:10:4")
    out = chat.text("NMK6811-0007")
    assert data_of(out)[0] == "fl:resume" and chat.state.data["draft"]["answers"] == [4]
    out = chat.tap("menu:track")
    assert data_of(out)[0] == "fl:resume" and chat.state.flow == "survey"
    chat.tap("fl:resume")
    assert chat.state.step == "question" and chat.state.data["draft"]["answers"] == [4]


def test_no_answers_yet_a_new_topic_just_starts(chat: Chat) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    out = chat.tap("menu:suggest")
    assert chat.state.flow == "suggestion" and effects_of(out, DiscardDraft) == [DiscardDraft("survey")]


def test_a_comment_typed_long_after_is_a_new_message(ctx: Context, lookup) -> None:
    chat = Chat(ctx)
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    rate_all(chat)
    later = Chat(Context(lookup=lookup, municipality_name=ctx.municipality_name, now=ctx.now + timedelta(hours=3)))
    later.state = chat.state
    out = later.text("ถนนหน้าบ้านเป็นหลุมใหญ่มาก")
    assert not effects_of(out, CommentSurvey) and later.state.flow == "complaint"


def test_a_comment_within_the_hour_is_the_comment(ctx: Context, lookup) -> None:
    chat = Chat(ctx)
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    rate_all(chat)
    soon = Chat(Context(lookup=lookup, municipality_name=ctx.municipality_name, now=ctx.now + timedelta(minutes=59)))
    soon.state = chat.state
    out = soon.text("ถนนหน้าบ้านเป็นหลุมใหญ่มาก")
    assert effects_of(out, CommentSurvey)


def test_only_the_survey_times_out_a_free_text_step(ctx: Context, lookup) -> None:
    chat = Chat(ctx)
    chat.tap("menu:complaint")
    assert chat.state.step == "describe"
    later = Chat(Context(lookup=lookup, municipality_name=ctx.municipality_name, now=ctx.now + timedelta(days=3)))
    later.state = chat.state
    later.text("ถนนหน้าบ้านเป็นหลุมใหญ่มาก")
    assert later.state.flow == "complaint" and later.state.data["draft"]["description"] == "ถนนหน้าบ้านเป็นหลุมใหญ่มาก"


def test_cancel_and_broken_states(chat: Chat, lookup, ctx: Context) -> None:
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    out = chat.text("ยกเลิก")
    assert chat.state == State.idle() and "ยกเลิกการประเมิน" in all_text(out) and not out.effects
    for data in ({"draft": {}}, {"draft": {"questions": [{"id": "x"}], "answers": []}},
                 {"draft": {"questions": [{"id": 1, "scale": "four", "text": "q"}], "answers": [4, 4]}}):
        broken = Chat(ctx)
        broken.state = State("survey", "question", data)
        out = broken.tap("sv:a:1:4")
        assert out.replies and broken.state.step in ("service", "question")
    lookup.questions = []
    out = Chat(ctx).tap("menu:survey")
    assert "ยังไม่มีแบบประเมิน" in all_text(out)


def test_no_services_configured_goes_straight_to_the_questions(lookup, ctx: Context) -> None:
    lookup.services = []
    chat = Chat(ctx)
    chat.tap("menu:survey")
    assert chat.state.step == "question"
    out = rate_all(chat)
    assert effects_of(out, SubmitSurvey)[0].service_id is None


def test_the_survey_from_the_typed_command(chat: Chat) -> None:
    chat.text("ประเมินความพึงพอใจ")
    assert (chat.state.flow, chat.state.step) == ("survey", "service")
    out = chat.text("เก็บขยะ")  # a service typed by its name
    assert chat.state.data["draft"]["service_id"] == 5 and "ข้อ 1" in all_text(out)


# --- whatever a stored feedback state holds, every event gets an answer ------------------------------

from datetime import UTC, datetime  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from handlers import ui  # noqa: E402
from handlers.dispatch import dispatch  # noqa: E402
from handlers.types import Incoming  # noqa: E402

values = st.one_of(st.none(), st.integers(-2, 20), st.text(max_size=5), st.lists(st.integers(0, 15), max_size=6),
                   st.lists(st.dictionaries(st.sampled_from(["id", "scale", "text"]),
                                            st.one_of(st.integers(0, 15), st.sampled_from(["four", "stars", "x"]))),
                            max_size=6))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flow=st.sampled_from(["survey", "inquiry", "suggestion"]),
       step=st.one_of(st.none(), st.sampled_from(["service", "question", "comment", "ask", "text", "photos",
                                                  "confirm", "edit", "zz"])),
       draft=st.dictionaries(st.sampled_from(["questions", "answers", "ticket", "service_id", "asked_at", "text",
                                              "photos"]), values),
       event=st.sampled_from([("text", {"text": "4"}), ("text", {"text": "ไฟทางดับ"}), ("text", {"text": "ยกเลิก"}),
                              ("postback", {"postback": "sv:a:10:4"}), ("postback", {"postback": "sv:back"}),
                              ("postback", {"postback": "sv:svc:1"}), ("postback", {"postback": "sg:ok"}),
                              ("postback", {"postback": "fl:resume"}), ("postback", {"postback": "sv:skip"}),
                              ("image", {"message_id": "m"}), ("sticker", {})]))
def test_feedback_flows_survive_any_stored_state(ctx, flow, step, draft, event) -> None:
    check_any_state(ctx, flow, step, draft, event)


def test_a_broken_survey_draft_is_asked_again_from_the_services(ctx) -> None:
    for step in ("question", "comment", "service"):
        for event in (("sticker", {}), ("text", {"text": "x"}), ("postback", {"postback": "fl:resume"})):
            check_any_state(ctx, "survey", step, {}, event)


def check_any_state(ctx, flow, step, draft, event) -> None:
    kind, extra = event
    incoming = Incoming(kind=kind, chat_type="user", chat_key="U", user_id="U",
                        timestamp=datetime(2025, 10, 1, tzinfo=UTC), **extra)
    out = dispatch(incoming, State(flow, step, {"draft": draft}), ctx)
    assert out.replies or out.replies_after
    assert not [e for e in out.effects if getattr(e, "reason", "").startswith("error")], out.effects
    for message in out.replies:
        assert ui.problems(message) == []


def test_answers_typed_in_everyday_words(chat: Chat) -> None:
    """The issue 4 trial typed "แย่มาก" and "พอใช้ได้" and was asked to tap a button instead."""
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    for typed in ("ดีมากค่ะ", "พอใจครับ", "พอใช้ได้", "แย่มาก"):
        chat.text(typed)
    out = chat.text("ไม่ค่อยดีจ้ะ")
    [submit] = effects_of(out, SubmitSurvey)
    assert [v for _, v in submit.answers] == [4, 3, 2, 1, 2]
    chat.tap("menu:survey")
    chat.tap("sv:svc:1")
    out = chat.text("ปานกลาง")  # fits no single level: the buttons decide
    assert "ปุ่ม" in all_text(out) and chat.state.data["draft"]["answers"] == []


def test_service_buttons_say_line_in_thai(lookup, ctx: Context) -> None:
    """The trial saw "สอบถามผ่าน LINE" among the service buttons; the chat says "ไลน์" everywhere else.
    A database seeded with the old name still gets the Thai label."""
    out = Chat(ctx).tap("menu:survey")
    assert not [lb for lb in labels(out) if any("a" <= ch.lower() <= "z" for ch in lb)]
    lookup.services = [ServiceInfo(id=7, name="ติดต่อสอบถามผ่าน LINE", for_cases=False)]
    assert labels(Chat(ctx).tap("menu:survey"))[0] == "สอบถามผ่านไลน์"


def test_a_resolved_case_can_still_be_rated_from_its_status(lookup, chat: Chat) -> None:
    """The trial: the "rate" quick reply under the resolved news went away once the citizen wrote
    "ขอบคุณครับ", and neither "my cases" nor the ticket offered it again."""
    lookup.add("U-citizen", "NMK6811-0042", status="resolved")
    lookup.add("U-citizen", "NMK6811-0043", status="in_progress")
    out = chat.tap("menu:track")  # a button in the case's bubble
    assert "sv:case:NMK6811-0042" in postbacks(out.replies) and "sv:case:NMK6811-0043" not in postbacks(out.replies)
    out = chat.text("NMK6811-0042")  # in its bubble and first among the quick replies
    assert "sv:case:NMK6811-0042" in postbacks(out.replies) and data_of(out)[0] == "sv:case:NMK6811-0042"
    out = chat.tap("sv:case:NMK6811-0042")
    assert chat.state.flow == "survey" and "NMK6811-0042" in all_text(out)
    lookup.rated.add("NMK6811-0042")  # rated: never offered again
    chat.state = State.idle()
    assert "sv:case:NMK6811-0042" not in postbacks(chat.text("NMK6811-0042").replies)
    lookup.add("U-someone-else", "NMK6811-0044", status="resolved")  # not theirs: never offered
    assert "sv:case:NMK6811-0044" not in postbacks(chat.text("NMK6811-0044").replies)


def postbacks(node) -> list[str]:
    """Every postback's data in messages: quick replies and Flex buttons alike."""
    if isinstance(node, dict):
        own = [node["data"]] if node.get("type") == "postback" and "data" in node else []
        return own + [d for v in node.values() for d in postbacks(v)]
    if isinstance(node, (list, tuple)):
        return [d for v in node for d in postbacks(v)]
    return []


def test_the_survey_asked_for_in_words(chat: Chat, ctx: Context) -> None:
    """The trial typed "อยากประเมินความพึงพอใจ" and "ให้คะแนน" and was asked "report it or ask?"."""
    for text in ("อยากประเมินความพึงพอใจค่ะ", "ให้คะแนนค่ะ", "ขอทำแบบประเมินหน่อยครับ"):
        chat = Chat(ctx)
        chat.text(text)
        assert (chat.state.flow, chat.state.step) == ("survey", "service"), text
    chat = Chat(ctx)
    chat.text("ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย")
    out = chat.text("อยากประเมินความพึงพอใจ")  # beside a draft: asked what to do with it first
    assert data_of(out) == ["fl:resume", "fl:new:survey", "fl:drop"]
    chat = Chat(ctx)
    long_comment = "ประเมินความพึงพอใจแล้วแต่อยากบอกว่าถนนหน้าบ้านยังเป็นหลุมอยู่เลยค่ะ ช่วยมาดูด้วย"
    chat.text(long_comment)  # a longer message that mentions the survey tells something else
    assert chat.state.flow != "survey"


def test_the_menu_survey_offers_the_citizens_resolved_case_first(lookup, chat: Chat) -> None:
    """Rating a resolved case from the rich menu: the trial found only services there, so the case
    could be rated only from the quick reply under its news."""
    lookup.add("U-citizen", "NMK6811-0042", status="resolved")
    lookup.add("U-citizen", "NMK6811-0043", status="in_progress", days_ago=0)
    out = chat.tap("menu:survey")
    assert data_of(out)[0] == "sv:case:NMK6811-0042" and labels(out)[0] == "NMK6811-0042"
    assert "NMK6811-0042" in all_text(out) and len(data_of(out)) <= 13
    out = chat.tap("sv:case:NMK6811-0042")
    assert chat.state.data["draft"]["ticket"] == "NMK6811-0042" and "ข้อ 1 จาก 5" in all_text(out)
    lookup.rated.add("NMK6811-0042")  # rated: only the services again
    chat.state = State.idle()
    assert not [d for d in data_of(chat.tap("menu:survey")) if d.startswith("sv:case")]
