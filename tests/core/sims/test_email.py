"""The email model: what the learner sends and reports is in the trace, and goals are decided from it alone."""

from hypothesis import given
from hypothesis import strategies as st

from bleep_tui.core.answers import is_email
from bleep_tui.core.sims.base import TraceEntry
from bleep_tui.core.sims.email import (
    GOALS,
    EmailModel,
    EmailScenario,
    Link,
    Mail,
    address_of,
    has_closing,
    has_greeting,
    has_personal_data,
    is_formal,
    split_addresses,
)

BOSS = "Lena Kraus <l.kraus@hollybrook-gardens.eu>"
SCAM = Mail(
    id="bank", sender="Fairbank <security@fairbank-alerts.xyz>", subject="Account closed", body="Give us your PIN now",
    links=(Link("www.fairbank.eu", "http://evil.xyz"),), scam=True, flags=("sender", "urgency", "link", "code"),
)
REAL = Mail(id="job", sender=BOSS, subject="Interview", body="Can you come on Thursday?", to=("sam@postbox.eu",),
            cc=("jobs@hollybrook-gardens.eu", "sam@postbox.eu"))


def model(**options) -> EmailModel:
    return EmailModel(EmailScenario(me="Sam <sam@postbox.eu>", inbox=(REAL, SCAM), documents=("CV.pdf", "Bank.pdf"), **options))


def met(m: EmailModel, check: str, value=None) -> bool:
    return GOALS[check].check(tuple(m.trace), value)


def write(m: EmailModel, body: str, to: str = BOSS, subject: str = "Interview on Thursday") -> None:
    draft = m.compose()
    draft.to, draft.subject, draft.body = to, subject, body


def test_a_reply_goes_to_the_sender_with_re_subject_and_the_old_message_quoted() -> None:
    m = model()
    draft = m.reply("job")
    assert draft is not None and draft.to == BOSS and draft.subject == "Re: Interview"
    assert "> Can you come on Thursday?" in draft.body
    draft.body = "Dear Lena,\nYes, I will come.\nKind regards,\nSam" + draft.body
    assert m.send() == []
    assert met(m, "replied_to", "job") and met(m, "sent_only_to", "l.kraus@hollybrook-gardens.eu")
    assert met(m, "greeting") and met(m, "closing") and met(m, "formal") and met(m, "body_has", "will come")
    assert [mail.subject for mail in m.folders["sent"]] == ["Re: Interview"]


def test_reply_all_copies_everyone_but_the_learner_and_so_breaks_sent_only_to() -> None:
    m = model()
    draft = m.reply("job", everyone=True)
    assert draft is not None and draft.cc == "jobs@hollybrook-gardens.eu"
    draft.body = "Hello, yes. Thanks, Sam"
    m.send()
    assert met(m, "cc_to", "jobs@hollybrook-gardens.eu")
    assert not met(m, "sent_only_to", "l.kraus@hollybrook-gardens.eu")
    assert not met(m, "not_sent_to", "jobs@hollybrook-gardens.eu")


def test_a_message_with_a_bad_address_and_no_subject_is_not_sent_and_says_why() -> None:
    m = model()
    write(m, "Hello", to="lena.kraus@hollybrook, ok@fine.eu", subject=" ")
    problems = m.send()
    assert [(p.field, p.code, p.detail) for p in problems] == [("to", "address", "lena.kraus@hollybrook"), ("subject", "missing", "")]
    assert not met(m, "sent") and m.draft is not None


def test_a_draft_is_kept_in_drafts_and_can_be_finished_later() -> None:
    m = model()
    write(m, "Dear Lena,")
    m.save_draft()
    assert m.draft is None and len(m.folders["drafts"]) == 1
    draft = m.open_draft(m.folders["drafts"][0].id)
    assert draft is not None and draft.body == "Dear Lena," and m.folders["drafts"] == []


def test_attachments_come_only_from_my_documents() -> None:
    m = model()
    write(m, "Dear Lena,\nMy CV.\nKind regards,\nSam")
    m.attach("CV.pdf")
    m.attach("secret.exe")
    m.send()
    assert met(m, "attached", "CV.pdf") and met(m, "not_attached", "Bank.pdf") and not met(m, "attached", "secret.exe")


def test_sending_a_pin_or_a_code_misses_the_personal_data_goal() -> None:
    m = model()
    write(m, "Hello, my PIN is 4071. Thanks")
    m.send()
    assert not met(m, "no_personal_data")


def test_a_forwarded_or_quoted_code_is_not_counted_as_the_learners_own_words() -> None:
    m = model()
    draft = m.forward("bank")
    assert draft is not None
    draft.to, draft.body = "help@fairbank.eu", "Hello, is this real? Thanks, Sam" + draft.body + "\ncode 123456"
    m.send()
    assert met(m, "no_personal_data")


def test_reporting_a_scam_with_its_flags_moves_it_to_junk_and_scores_each_flag() -> None:
    m = model()
    m.check_links("bank")
    m.report("bank", ["link", "code", "attachment"])
    assert m.folder_of("bank") == "junk"
    assert met(m, "reported", "bank") and met(m, "all_scams_reported") and met(m, "real_mail_kept")
    assert met(m, "flag_spotted", "bank: link") and not met(m, "flag_spotted", "bank: sender")
    assert not met(m, "no_false_flags")  # there was no attachment
    assert met(m, "checked_links", "bank")


def test_junking_real_mail_loses_it_until_it_is_put_back() -> None:
    m = model()
    m.move_to_junk("job")
    assert not met(m, "kept", "job")
    m.move_to_inbox("job")
    assert met(m, "kept", "job")
    m.delete("job")
    assert not met(m, "real_mail_kept")


def test_goals_are_decided_from_a_stored_trace_alone() -> None:
    m = model()
    m.report("bank", ["code"])
    stored = [entry.to_record() for entry in m.trace]
    trace = tuple(TraceEntry.from_record(record) for record in stored)
    assert GOALS["flag_spotted"].check(trace, "bank: code")


def test_the_phone_view_replies_to_the_number_without_subject() -> None:
    m = EmailModel(EmailScenario(me="Me", inbox=(Mail(id="sms", sender="+31 6 1234 5678", subject="", body="Code?"),), view="phone"))
    draft = m.reply("sms")
    assert draft is not None and draft.body == ""
    draft.body = "No."
    assert m.send() == []
    sent = [e for e in m.trace if e.event == "sent"][0]
    assert sent.data["to"] == ["+31 6 1234 5678"] and sent.data["body"] == "No."


def test_end_after_send_finishes_the_task() -> None:
    m = model(end_after_send=True)
    write(m, "Dear Lena,\nYes.\nKind regards,\nSam")
    m.send()
    assert m.finished and m.trace[-1].event == "finished"


def test_the_tone_rules_are_simple_and_explainable() -> None:
    assert has_greeting("Good morning Ms Kraus,\nYes.") and not has_greeting("Yes I come")
    assert has_closing("Dear Lena,\nYes.\nKind regards,\nSam") and not has_closing("Dear Lena,\nYes.")
    assert is_formal("Dear Ms Kraus,\nI will come.\nKind regards,\nSam")
    assert not is_formal("Hi Lena, u ok?") and not is_formal("Dear Lena, I am VERY ANGRY") and not is_formal("Dear Lena!! yes")


@given(st.from_regex(r"[a-z]{1,10}(\.[a-z]{1,10})?@[a-z]{1,10}\.(eu|com|nl)", fullmatch=True), st.text(alphabet="ABCDEFGH abc", max_size=12))
def test_any_address_written_with_a_display_name_is_read_back_as_the_bare_address(address: str, name: str) -> None:
    entry = f"{name.strip()} <{address}>" if name.strip() else address
    assert address_of(entry) == address
    assert is_email(address_of(entry))
    assert split_addresses(f"{entry}; {entry},") == [entry, entry]


@given(st.text(alphabet="abcdefghij@.-_ ", max_size=30))
def test_an_address_the_model_sends_to_is_always_well_formed(typed: str) -> None:
    m = model()
    write(m, "Hello", to=typed)
    problems = m.send()
    if not problems:
        sent = [e for e in m.trace if e.event == "sent"][0]
        assert sent.data["to"] and all(is_email(a) for a in sent.data["to"])


@given(st.integers(min_value=0, max_value=999999))
def test_a_six_digit_code_in_a_message_is_always_caught(code: int) -> None:
    assert has_personal_data(f"Hello, here it is: {code:06d}. Thanks")
    assert has_personal_data(f"Hello, here it is: {code:06d}"[:-3] + " " + f"{code:06d}"[3:])
