"""A learner uses the mail program at 80x24 with the keyboard; what they send and report is scored."""

from pathlib import Path

from textual.widgets import OptionList

from bleep_tui.ui.app import BleepApp

from ..screen import screen_text
from .office_play import SIZE, debrief, events_of, finish_lesson, paste, start_sim

REPLY_LESSON = "communication-sim-email-job-centre"
PHISHING_LESSON = "communication-sim-email-phishing"
CV_LESSON = "communication-sim-email-attach-cv"
SMS_LESSON = "safety-sim-sms-scams"


async def open_message(pilot, sender: str) -> None:
    messages = pilot.app.screen.query_one("#messages", OptionList)
    messages.focus()
    for index in range(messages.option_count):
        if sender in str(messages.get_option_at_index(index).prompt):
            messages.highlighted = index
            break
    else:
        raise AssertionError(f"no message from {sender}")
    await pilot.press("enter")
    await pilot.pause()


async def type_body(pilot, *lines: str) -> None:
    """The first line typed key by key, the rest pasted (as a learner might from a note)."""
    await pilot.press(*lines[0], "enter")
    await paste(pilot, "\n".join(lines[1:]) + "\n")


async def test_a_polite_reply_to_the_job_centre_earns_every_goal_and_is_saved(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, REPLY_LESSON)
        screen = screen_text(app)
        assert "Inbox (3)" in screen and "Mira Hofmann" in screen and "Junk" in screen
        await open_message(pilot, "Mira Hofmann")
        assert "Canal Street 4" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert "Re: Your appointment on Tuesday 12 March" in screen_text(app)
        assert app.focused.id == "body"  # a reply has its address and subject: the learner starts writing
        await type_body(pilot, "Dear Ms Hofmann,", "Thank you. I will come on Tuesday at 10:30.", "Kind regards,", "Sam Jones")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = debrief(pilot)
        assert "Task finished: 6 of 6 goals met." in text
        assert "+48 points" in text  # 40 for the goals and a first-try bonus of 8
        result = await finish_lesson(pilot)
        assert "100% of the points" in result
    finished = events_of(data_dir, "lesson_finished")
    assert [(e.lesson, e.percent) for e in finished] == [(REPLY_LESSON, 100)]
    sent = [r for e in events_of(data_dir, "answered") for r in e.answer if r["event"] == "sent"]
    assert sent[0]["to"] == ["m.hofmann@rivertown-jobcentre.eu"]


async def test_a_chatty_new_email_to_the_wrong_address_misses_goals_with_teaching_feedback(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, REPLY_LESSON)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"mira.hofmann@rivertown", "ctrl+s")
        await pilot.pause()
        errors = screen_text(app)
        assert "is not a full email address" in errors and "The subject is empty" in errors
        await pilot.press(*"-jobcentre.eu", "tab", "tab", *"ok", "tab")
        await type_body(pilot, "hey u ok? ill be there")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = debrief(pilot)
        assert "Task finished: 0 of 6 goals met." in text
        assert "press r to reply" in text
        assert "Start with a greeting" in text
        await finish_lesson(pilot)
    assert [e.percent for e in events_of(data_dir, "lesson_finished")] == [0]


async def test_drafts_are_kept_and_the_cv_goes_to_the_jobs_address_with_the_right_file(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, CV_LESSON)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"jobs@hollybrook-gardens.eu", "tab", "tab", *"Application gardener", "ctrl+t")
        await pilot.pause()
        assert "Drafts (1)" in screen_text(app)
        folders = app.screen.query_one("#folders", OptionList)
        folders.focus()
        await pilot.press("down", "down")  # Inbox -> Sent -> Drafts
        await pilot.press("enter")
        await pilot.pause()
        assert "Application gardener" in screen_text(app)
        await pilot.press("enter")  # open the draft again
        await pilot.pause()
        assert app.screen.query_one("#subject").value == "Application gardener"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "My documents" in screen_text(app) and "Bank statement March.pdf" in screen_text(app)
        await pilot.press("enter")  # the first file: the current CV
        await pilot.pause()
        assert "Attached: CV - Sam Jones.pdf" in screen_text(app)
        app.screen.query_one("#body").focus()
        await type_body(pilot, "Dear Ms Kraus,", "Please find my CV attached.", "Kind regards,", "Sam Jones")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Task finished: 7 of 7 goals met." in debrief(pilot)


async def test_reporting_every_scam_with_its_red_flags_and_keeping_real_mail_scores_full_points(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, PHISHING_LESSON)
        await open_message(pilot, "Fairbank")
        await pilot.press("l")
        await pilot.pause()
        screen = screen_text(app)
        assert "really goes to:" in screen and "http://fairbank-confirm.login-secure.xyz/pin" in screen
        # flags in the dialog: sender, urgency, link, code, attachment
        for sender, ticks in (("Fairbank", (0, 1, 2, 3)), ("ParcelFast", (4,)), ("Lottery Office", (1, 3))):
            await open_message(pilot, sender)
            await pilot.press("p")
            await pilot.pause()
            assert "Tick every red flag" in screen_text(app)
            for row in range(5):
                if row in ticks:
                    await pilot.press("space")
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
        assert len(app.screen.query_one("#messages", OptionList).options) == 2
        folders = app.screen.query_one("#folders", OptionList)
        folders.focus()
        await pilot.press("down", "down", "down", "enter")  # Inbox -> Sent -> Drafts -> Junk
        await pilot.pause()
        junk = [str(option.prompt) for option in app.screen.query_one("#messages", OptionList).options]
        assert len(junk) == 3 and all(any(sender in mail for mail in junk) for sender in ("Fairbank", "ParcelFast", "Lottery Office"))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = debrief(pilot)
        assert "Task finished: 15 of 15 goals met." in text
        assert "+120 points" in text  # 100 and a first-try bonus of 20


async def test_reporting_a_real_email_and_missing_the_flags_explains_each_flag(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, PHISHING_LESSON)
        await open_message(pilot, "Mira Hofmann")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("space", "enter")  # "the sender does not match": it does
        await pilot.pause()
        await open_message(pilot, "Fairbank")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("e", "y")
        await pilot.pause()
        text = debrief(pilot)
        assert "Task finished: 3 of 15 goals met." in text  # kept the library email; opened no link, typed nothing
        assert "The email from Mira Hofmann is real" in text
        assert "press l and you see it goes to login-secure.xyz" in text
        assert "Only tick a red flag when you can point to it" in text


async def test_on_the_phone_the_learner_reports_scam_texts_and_never_sends_the_code(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, SMS_LESSON)
        screen = screen_text(app)
        assert "ParcelFast" in screen and "Inbox" not in screen
        await open_message(pilot, "+31 6 9981")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"the code is 482 913", "ctrl+s")
        await pilot.pause()
        await pilot.press("e", "y")
        await pilot.pause()
        text = debrief(pilot)
        assert "Sent no code, PIN or password" in text
        assert "Never send a code, a PIN or a password in a message" in text
        assert "Task finished: 3 of 11 goals met." in text  # kept the two real messages, gave no card details
