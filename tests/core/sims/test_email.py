"""The email model: what the learner sends and reports is in the trace, and goals are decided from it alone."""

import pytest
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


def test_drafts_lists_a_saved_draft_from_me_to_whom_it_is_for_with_its_attachment() -> None:
    m = model()
    write(m, "Dear Lena,", to=f"{BOSS}, hr@hollybrook-gardens.eu", subject="")
    m.draft.cc = "sam@postbox.eu"
    m.attach("CV.pdf")
    m.save_draft()
    [listed] = m.folders["drafts"]
    assert (listed.sender, listed.subject, listed.body, listed.date) == ("Sam <sam@postbox.eu>", "(no subject)", "Dear Lena,", "draft")
    assert listed.to == (BOSS, "hr@hollybrook-gardens.eu") and listed.cc == ("sam@postbox.eu",) and listed.attachments == ("CV.pdf",)
    assert m.trace[-1] == TraceEntry("draft_saved", {"subject": ""})


def test_two_drafts_saved_are_both_kept_and_each_opens_as_written() -> None:
    m = model()
    write(m, "Dear Lena,", subject="First")
    m.save_draft()
    write(m, "Hello again,", subject="Second")
    m.save_draft()
    assert [mail.subject for mail in m.folders["drafts"]] == ["First", "Second"]
    second = m.open_draft(m.folders["drafts"][1].id)
    assert second is not None and second.body == "Hello again," and [mail.subject for mail in m.folders["drafts"]] == ["First"]


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


@pytest.mark.parametrize(
    ("letter", "informal"),
    [
        ("Geachte mevrouw Kraus,\nIk kom graag.\nMet vriendelijke groet,\nSam", "Hoi Lena,\nIk kom.\nGroeten,\nSam"),
        ("Exma. Senhora Kraus,\nEu vou.\nCom os melhores cumprimentos,\nSam", "Oi Lena,\nEu vou.\nUm abraço,\nSam"),
        ("Gentile signora Kraus,\nVengo volentieri.\nCordiali saluti,\nSam", "Ciao Lena,\nVengo.\nGrazie,\nSam"),
        ("Stimată doamnă Kraus,\nVin cu plăcere.\nCu stimă,\nSam", "Salut Lena,\nVin.\nMulțumesc,\nSam"),
        ("Sayın Kraus Hanım,\nGeleceğim.\nSaygılarımla,\nSam", "Selam Lena,\nGeleceğim.\nSevgiler,\nSam"),
    ],
)
def test_a_letter_written_in_the_lessons_language_has_its_greeting_and_closing_recognised(letter: str, informal: str) -> None:
    assert has_greeting(letter) and has_closing(letter) and is_formal(letter)
    assert has_greeting(informal) and has_closing(informal) and not is_formal(informal)
    assert not is_formal(letter.replace("Sam", "ÇOK KIZGINIM, Sam"))  # shouting in any alphabet is not formal


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


LOGIN_SCAM = Mail(
    id="bank", sender="Fairbank <security@fairbank-alerts.xyz>", subject="Confirm now", body="Log in here",
    links=(Link("www.fairbank.eu", "http://fairbank.login-secure.xyz", opens="login"),), scam=True, flags=("link",),
)
FEE_SCAM = Mail(
    id="parcel", sender="ParcelFast", subject="", body="Pay 1.99", scam=True, flags=("link",),
    links=(Link("parcelfast.eu/pay", "http://parcelfast-pay.top", opens="payment", fee=199),),
)
ZIP_SCAM = Mail(id="zip", sender="ParcelFast <n@delivery.info>", subject="Parcel", body="Open the note",
                attachments=("note.zip",), scam=True, flags=("attachment",))
LIBRARY = Mail(id="library", sender="Library <news@library.eu>", subject="Courses", body="See our site",
               links=(Link("www.library.eu/courses", "https://www.library.eu/courses", page="Mondays 9:30"),),
               attachments=("Timetable.pdf",))


def inbox_model() -> EmailModel:
    return EmailModel(EmailScenario(me="Sam <sam@postbox.eu>", inbox=(LOGIN_SCAM, FEE_SCAM, ZIP_SCAM, LIBRARY)))


def events(m: EmailModel, name: str) -> list[dict]:
    return [entry.data for entry in m.trace if entry.event == name]


def test_a_scam_link_opens_the_fake_login_and_logging_in_gives_the_password_away() -> None:
    m = inbox_model()
    m.open("bank")
    link = m.follow_link("bank", 0)
    assert link is not None and link.opens == "login"
    assert events(m, "link_followed") == [{"id": "bank", "address": "http://fairbank.login-secure.xyz", "opens": "login", "scam": True}]
    assert not met(m, "link_not_followed", "bank") and met(m, "no_details_given")
    m.give_details("bank", 0)
    assert events(m, "details_given") == [{"id": "bank", "details": "password"}]
    assert not met(m, "no_details_given")


def test_paying_the_fee_on_a_scam_page_takes_the_money_and_the_card_details() -> None:
    m = inbox_model()
    m.follow_link("parcel", 0)
    m.give_details("parcel", 0)
    assert events(m, "details_given") == [{"id": "parcel", "details": "card"}]
    assert events(m, "money_taken") == [{"id": "parcel", "cents": 199}]


def test_a_scam_attachment_locks_the_files_and_a_real_one_just_opens() -> None:
    m = inbox_model()
    m.open("zip")
    m.open("library")
    assert m.open_attachment("library", "Timetable.pdf") is False
    assert met(m, "attachment_not_opened", "zip")
    assert m.open_attachment("zip", "note.zip") is True
    assert events(m, "files_locked") == [{"id": "zip"}]
    assert not met(m, "attachment_not_opened", "zip")
    assert m.open_attachment("zip", "other.exe") is False  # only the files the message really has


def test_a_real_link_opens_the_real_page_and_is_no_mistake() -> None:
    m = inbox_model()
    m.open("bank")
    link = m.follow_link("library", 0)
    assert link is not None and link.page == "Mondays 9:30"
    assert events(m, "link_followed")[0]["scam"] is False
    m.give_details("library", 0)  # a real page asks for nothing: no details can go anywhere
    assert met(m, "no_details_given") and met(m, "link_not_followed", "bank")


def test_leaving_a_message_alone_is_only_praised_once_it_was_opened() -> None:
    m = inbox_model()
    assert not met(m, "link_not_followed", "bank") and not met(m, "attachment_not_opened", "zip")
    m.open("bank")
    assert met(m, "link_not_followed", "bank")


def test_a_subject_can_name_the_meeting_and_the_change_in_any_of_several_words() -> None:
    rule = "meeting | appointment | thursday, move | change | cannot"
    for subject, passes in (
        ("Request to move my meeting on Thursday", True),
        ("Change of appointment on Thursday", True),
        ("I cannot come on Thursday", True),
        ("Appointment", False),
        ("Please change it", False),
    ):
        m = model()
        write(m, "Dear Lena,\nThanks.\nKind regards,\nSam", subject=subject)
        m.send()
        assert met(m, "subject_has", rule) is passes, subject
