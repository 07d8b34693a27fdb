"""A learner can make the real mistake in the scam lessons: open the link, open the file, type the password.

What happens is shown as it would happen, marked as simulated; it is kept in the trace, and the
debrief says what to do after such a mistake. A real message's link just opens the real page.
"""

from pathlib import Path

from bleep_tui.ui.app import BleepApp

from ..screen import screen_text
from ..test_terminals import non_ascii
from .office_play import SIZE, debrief, events_of, start_sim
from .test_email_ui import PHISHING_LESSON, SMS_LESSON, open_message


def trace_events(data_dir: Path) -> list[dict]:
    return [record for event in events_of(data_dir, "answered") if isinstance(event.answer, list) for record in event.answer]


def reading_pane(pilot) -> str:
    """The open message, as far as the learner can scroll."""
    return str(pilot.app.screen.query_one("#reading").render())


async def end_task(pilot) -> str:
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    return debrief(pilot)


async def test_following_the_fake_bank_link_and_logging_in_is_shown_recorded_and_taught(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, PHISHING_LESSON)
        await open_message(pilot, "Fairbank")
        assert "o to open a link" in reading_pane(pilot)
        await pilot.press("o")
        await pilot.pause()
        page = screen_text(app)
        assert "Web page (simulated)" in page and "http://fairbank-confirm.login-secure.xyz/pin" in page
        assert "FAIRBANK Online Banking" in page and "Password:" in page
        await pilot.press("enter")  # type the details and log in
        await pilot.pause()
        happened = screen_text(app)
        assert "Simulation: what just happened" in happened and "password went to the scammers" in happened
        assert "Change your bank password at once" in happened and "number on the back of your card" in happened
        await pilot.press("escape")
        await pilot.pause()
        text = await end_task(pilot)
        assert "Fairbank email: did not open its link" in text
        assert "change the password at once in the bank's own app" in text
        assert "call your bank on the number on the back" in text and "report the email as phishing" in text
        assert "If you did click: change your password, call your bank on a number you know" in text
    trace = trace_events(data_dir)
    assert {"event": "link_followed", "id": "bank-alert", "address": "http://fairbank-confirm.login-secure.xyz/pin",
            "opens": "login", "scam": True} in trace
    assert {"event": "details_given", "id": "bank-alert", "details": "password"} in trace


async def test_opening_the_parcel_zip_locks_the_files_is_recorded_and_the_debrief_says_what_to_do(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, PHISHING_LESSON)
        await open_message(pilot, "ParcelFast")
        assert "Press v to open an attachment." in reading_pane(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert "YOUR FILES ARE LOCKED" in screen_text(app) and "Delivery_note_2291.zip (simulated)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        happened = screen_text(app)
        assert "Do not pay" in happened and "back-up copy" in happened and "your files are safe" in happened
        await pilot.press("escape")
        await pilot.pause()
        text = await end_task(pilot)
        assert "Parcel email: did not open the .zip file" in text
        assert "do not pay, turn off the internet" in text
    trace = trace_events(data_dir)
    assert {"event": "attachment_opened", "id": "parcel", "name": "Delivery_note_2291.zip", "scam": True} in trace
    assert {"event": "files_locked", "id": "parcel"} in trace


async def test_paying_the_parcel_fee_from_the_text_message_takes_the_money_and_the_debrief_says_block_the_card(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, SMS_LESSON)
        await open_message(pilot, "ParcelFast")
        await pilot.press("o")
        await pilot.pause()
        page = screen_text(app)
        assert "http://parcelfast-pay.top/card" in page and "Amount to pay: €1.99" in page
        await pilot.press("enter")  # pay
        await pilot.pause()
        assert "€1.99 was taken from your card" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        text = await end_task(pilot)
        assert "Parcel message: did not open its link" in text
        assert "Gave no card details to a scam page" in text and "block the card" in text
    trace = trace_events(data_dir)
    assert {"event": "money_taken", "id": "parcel-sms", "cents": 199} in trace
    assert {"event": "details_given", "id": "parcel-sms", "details": "card"} in trace


async def test_a_scam_page_left_at_once_with_escape_gives_nothing_away(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, SMS_LESSON)
        await open_message(pilot, "ParcelFast")
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "ParcelFast" in screen_text(app) and "what just happened" not in screen_text(app)
        text = await end_task(pilot)
        assert "✔ Gave no card details to a scam page" in text
        assert "✘ Parcel message: did not open its link" in text
    assert not [r for r in trace_events(data_dir) if r["event"] in ("details_given", "money_taken")]


async def test_the_library_link_opens_the_real_page_and_costs_nothing(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, PHISHING_LESSON)
        await open_message(pilot, "Rivertown Libr")
        await pilot.press("o")
        await pilot.pause()
        page = screen_text(app)
        assert "https://www.rivertown-library.eu/courses" in page and "Mondays 9:30 to 11:30" in page
        assert "Password" not in page and "Amount to pay" not in page
        await pilot.press("enter")  # Enter just closes a real page
        await pilot.pause()
        assert "Web page" not in screen_text(app)
        # sender, urgency, link, code, attachment: every red flag the lesson teaches, sender included where it is wrong
        for sender, ticks in (("Fairbank", (0, 1, 2, 3)), ("ParcelFast", (0, 4)), ("Lottery Office", (0, 1, 3))):
            await open_message(pilot, sender)
            await pilot.press("p")
            await pilot.pause()
            for row in range(5):
                if row in ticks:
                    await pilot.press("space")
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
        text = await end_task(pilot)
        assert "Task finished: 15 of 15 goals met." in text
    followed = [r for r in trace_events(data_dir) if r["event"] == "link_followed"]
    assert followed == [{"event": "link_followed", "id": "library", "address": "https://www.rivertown-library.eu/courses",
                         "opens": "page", "scam": False}]


async def test_the_scam_pages_are_drawn_in_ascii_in_ascii_mode(data_dir: Path) -> None:
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, PHISHING_LESSON)
        await open_message(pilot, "ParcelFast")
        await pilot.press("v")
        await pilot.pause()
        assert "YOUR FILES ARE LOCKED" in screen_text(app) and non_ascii(screen_text(app)) == set(), screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "What to do now:" in screen_text(app) and non_ascii(screen_text(app)) == set(), screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await open_message(pilot, "Fairbank")
        await pilot.press("o")
        await pilot.pause()
        assert "Password:" in screen_text(app) and non_ascii(screen_text(app)) == set(), screen_text(app)
