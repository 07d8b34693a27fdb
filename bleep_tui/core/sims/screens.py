"""What each simulated machine shows, in the learner's language: the words both front ends give it.

The full-screen app draws them inside a machine's frame (ui/sims/); linear mode reads them out
one line each (linear/machines.py). A paragraph comes with its style: "", "bold" or "dim".
"""

from __future__ import annotations

from bleep_tui.core.answers import IBAN_LENGTHS
from bleep_tui.core.sims.atm import AtmModel
from bleep_tui.core.sims.banking import BankingModel, Entry, Message
from bleep_tui.core.sims.card_terminal import CardTerminalModel
from bleep_tui.core.sims.email import Problem
from bleep_tui.core.sims.forms import TICKED, FieldError, FormField
from bleep_tui.formats import amount, machine_amount, money, whole_money
from bleep_tui.i18n import _


def atm_screen(model: AtmModel, currency: str) -> list[tuple[str, str]]:
    """What the cash machine's screen says now: (paragraph, style) with style "", "bold" or "dim"."""
    scenario = model.scenario
    notices = {
        "wrong_pin": _("Wrong PIN. You have {n} tries left.").format(n=3 - model.wrong_pins),
        "not_multiple": _("Please choose an amount in multiples of {note}.").format(note=whole_money(scenario.smallest_note, currency)),
        "daily_limit": _("That is over your daily limit. You can take up to {left} today.").format(
            left=whole_money(max(0, scenario.daily_limit - model.withdrawn_today), currency)
        ),
        "insufficient_funds": _("Sorry, there is not enough money in your account."),
        "cancelled": _("Cancelled. No money was taken."),
        "thank_you": _("Thank you. Goodbye."),
        "cash_retracted": _("You did not take your cash in time. The machine took it back; the money is back in your account."),
        "timed_out": _("Time is up: the machine stopped your session."),
    }
    notice = [(notices[model.notice], "bold")] if model.notice in notices else []
    state = model.state
    if state == "insert":
        return notice + [(_("Welcome. Please insert your card."), "")]
    if state == "language":
        return [(_("Please choose your language."), "")]
    if state == "pin":
        masked = " ".join("*" * len(model.typed)) or "_"
        return [(_("Please enter your PIN, then press Enter."), ""), (masked, "bold")] + notice + [
            (_("Cover the keypad with your other hand."), "dim")
        ]
    if state == "menu":
        return notice + [(_("What would you like to do?"), "")]
    if state == "amounts":
        return [(_("How much cash would you like?"), "")] + notice
    if state == "other":
        return [
            (_("Type the amount (multiples of {note}), then Enter.").format(note=whole_money(scenario.smallest_note, currency)), ""),
            (f"{currency} {model.typed or '_'}", "bold"),
        ] + notice
    if state == "fee":
        return [(_("This machine belongs to {bank}, not to your bank.").format(bank=scenario.bank), ""),
                (_("It charges a fee of {fee} for this withdrawal. Do you accept the fee?").format(fee=money(model.fee, currency)), "bold")]
    if state == "receipt":
        return [(_("You chose {amount}.").format(amount=whole_money(model.amount, currency)), ""), (_("Would you like a receipt?"), "")]
    if state == "balance":
        return [(_("Your balance: {balance}").format(balance=money(model.balance, currency)), "bold")]
    if state == "statement":
        return [(_("Mini-statement"), "bold")] + [(line, "") for line in scenario.statement[:4]]
    if state == "take_card":
        later = [(_("Your cash will come next."), "")] if model.amount else []
        return notice + [(_("Please take your card."), "bold")] + later
    if state == "take_cash":
        return [(_("Please take your cash: {amount}.").format(amount=whole_money(model.cash_out, currency)), "bold")]
    if state == "card_kept":
        why = _("Your card was not taken in time.") if model.notice == "not_taken" else _("The PIN was wrong 3 times.")
        return [
            (why + " " + _("The machine has kept your card for your safety."), "bold"),
            (_("What to do now: call your bank on the number on its website or on your statement, or go to a branch. "
               "They block the card and send you a new card or PIN. Then walk away (W)."), ""),
        ]
    return []

def atm_option(option: str, currency: str) -> str:
    """The label of a side button (`withdraw`, `amount:40`, `language:Deutsch`, ...)."""
    kind, _sep, value = option.partition(":")
    labels = {
        "withdraw": _("Withdraw cash"),
        "balance": _("Balance"),
        "statement": _("Mini-statement"),
        "exit": _("Exit, card back"),
        "other": _("Other amount"),
        "back": _("Back"),
        "accept": _("Accept fee"),
        "cancel": _("Cancel"),
        "yes": _("Yes"),
        "no": _("No"),
    }
    if kind == "language":
        return value
    if kind == "amount":
        return whole_money(int(value), currency)
    return labels[kind]


def card_place(model: AtmModel) -> str:
    """Where the learner's card is, beside the cash machine."""
    return {
        "wallet": _("in your wallet"),
        "machine": _("in the machine"),
        "slot": _("sticking out of the slot"),
        "kept": _("kept by the machine"),
    }[model.card]


def terminal_screen(model: CardTerminalModel, currency: str) -> list[tuple[str, str]]:
    """What the card terminal's screen says now, as (paragraph, style)."""
    amount = machine_amount(model.amount, currency)
    heading = _("REFUND") if model.refund else _("PAY")
    notices = {
        "over_limit": _("Over the contactless limit. Insert card and enter PIN."),
        "no_contactless": _("This card cannot pay contactless. Insert card."),
        "wrong_pin": _("Wrong PIN. Try again: {n} tries left.").format(n=3 - model.wrong_pins),
        "cancelled": _("Cancelled."),
        "timed_out": _("Timed out. Cancelled."),
        "corrected": _("Cancelled. New amount:"),
        "same_amount": _("Cancelled. The same amount again:"),
    }
    notice = [(notices[model.notice], "bold")] if model.notice in notices else []
    if model.state == "present":
        ask = _("Tap or insert card") if model.refund or model.scenario.contactless else _("Insert card")
        return notice + [(f"{heading}  {amount}", "bold"), (ask, "")]
    if model.state == "pin":
        masked = " ".join("*" * len(model.typed)) or "_"
        return [(f"{heading}  {amount}", "bold"), (_("Enter PIN, then Enter"), ""), (masked, "bold")] + notice
    if model.state == "cancelled":
        return notice + [(f"{heading}  {amount}", "bold"), (_("Remove card"), "bold")]
    if model.state == "receipt":
        done = _("REFUND DONE") if model.refund else _("APPROVED")
        return [(f"{done}  {amount}", "bold"), (_("Customer receipt?"), ""), (_("Enter = yes   X = no"), "")]
    if model.notice == "declined":
        lines = [(_("DECLINED"), "bold"), (_("Not enough money in the account."), "")]
    elif model.notice == "blocked":
        lines = [(_("PIN TRIES EXCEEDED"), "bold"), (_("Card blocked. Call your bank."), "")]
    else:
        lines = [(_("APPROVED") if not model.refund else _("REFUND DONE"), "bold"), (_("Thank you"), "")]
    if model.card_in:
        lines.append((_("Remove card"), "bold"))
    return lines

def assistant_says(model: CardTerminalModel, currency: str) -> str:
    """What the shop assistant says now ("" when nothing); when offering to type the PIN, the learner must answer."""
    if model.assistant == "offering":
        return _('The shop assistant says: "Just tell me your PIN, I will type it in for you."')
    says = {
        "present": _('The shop assistant says: "That is {price}, please."'),
        "declined": _('The shop assistant says: "Sorry, your card was declined. Do you have another way to pay?"'),
    }
    if model.refund and model.state == "present":
        return _('The shop assistant says: "You get {price} back on your card."').format(price=money(model.scenario.price, currency))
    key = "declined" if model.notice == "declined" else model.state
    return says.get(key, "").format(price=money(model.scenario.price, currency))


def grouped_iban(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def entry_text(entry: Entry, currency: str) -> str:
    """`Supermarket  -€23.40`: the label in the learner's language, or the name as the learner typed it."""
    sign = "+" if entry.cents > 0 else "-"
    return f"{(_(entry.what) if entry.what else entry.payee)[:20]:<20} {sign}{money(abs(entry.cents), currency)}"


def message_text(message: Message, currency: str) -> str:
    """A text message on the learner's phone, the bank's codes worded in the learner's language."""
    if not message.code:
        return message.text
    if message.cents:
        return _("Your code is {code} to pay {amount} to {name}. Never share this code with anyone, not even with us.").format(
            code=message.code, amount=money(message.cents, currency), name=message.payee)
    return _("Your code is {code}. Never share this code with anyone, not even with us.").format(code=message.code)


def _banking_notice(model: BankingModel, currency: str, right_mark: str) -> list[tuple[str, str]]:
    typed_iban = "".join(model.typed.split()).upper()
    country = typed_iban[:2]
    notices = {
        "wrong_code": _("Wrong code. You have {n} tries left.").format(n=3 - model.login_fails),
        "timed_out": _("You were logged out because you did nothing for a while."),
        "sent": _("Payment sent."),
        "payment_cancelled": _("Payment cancelled. No money was sent."),
        "code_blocked": _("Wrong code 3 times: the payment was cancelled."),
        "code_wrong": _("Wrong code. Look at the text message again."),
        "reported": _("Thank you. The bank's fraud team has your report."),
        "hung_up": _("You hung up. If you are worried, call your bank on the number on your card."),
        "robbed": _("The caller used your code to send all your money to an unknown account."),
        "relative_safe": _("You called on the number you already had. They are fine, and never sent that message."),
        "name_empty": _("Type the name of the person or company."),
        "iban_empty": _("Type the IBAN."),
        "iban_characters": _("Use only letters and digits in an IBAN."),
        "iban_country": _("An IBAN starts with 2 letters for the country, like NL or DE, then 2 digits."),
        "iban_length": _("An IBAN from {country} has {n} characters. You typed {m}. Look for a missing or extra character.").format(
            country=country, n=IBAN_LENGTHS.get(country, 0), m=len(typed_iban)
        ),
        "iban_checksum": _("This IBAN is not correct: a character is wrong, or two are swapped. Check it again, letter by letter."),
        "name_match": right_mark + " " + _("The name matches the account holder."),
        "amount_not_amount": _("Type an amount like {example}.").format(example=amount(2550)),
        "amount_zero": _("The amount must be more than 0."),
        "amount_insufficient_funds": _("Not enough money: your balance is {balance}.").format(balance=money(model.balance, currency)),
    }
    return [(notices[model.notice], "bold")] if model.notice in notices else []

def banking_screen(model: BankingModel, currency: str, right_mark: str) -> list[tuple[str, str]]:
    """What the banking app's screen shows now; `right_mark` marks a name that matches."""
    scenario = model.scenario
    state, notice = model.state, _banking_notice(model, currency, right_mark)
    field = (model.typed + "_", "bold")
    if state == "login":
        return [(_("Welcome, {name}.").format(name=scenario.holder), ""), (_("Enter your login code:"), ""),
                ("* " * len(model.typed) + "_", "bold")] + notice
    if state == "locked":
        return [(_("The app is locked after 3 wrong codes."), "bold"),
                (_("Call your bank on the number on the back of your card to unlock it."), "")]
    if state == "overview":
        lines = [(_("Current account: {balance}").format(balance=money(model.balance, currency)), "bold"), (_("Recent:"), "")]
        lines += [(entry_text(entry, currency), "") for entry in model.history[:3]]
        return lines + notice
    if state == "messages":
        return [(_("Text messages are on the right."), "")] + notice
    if state == "call":
        return [(_("Incoming call: {caller}").format(caller=scenario.scam_from), "bold"), (f'"{scenario.scam_message}"', "")]
    title = [(_("New payment"), "bold")]
    if state == "payee_name":
        return title + [(_("Who do you want to pay? Their name:"), ""), field] + notice
    if state == "iban":
        return title + [(_("IBAN of {name}:").format(name=model.draft["payee_name"]), ""), field] + notice
    if state == "payee_check":
        result, holder = model.check
        checks = {
            "close": _("Close match. The account holder is called {holder}. Is this who you want to pay?").format(holder=holder),
            "no_match": _("No match! The name does not match the account holder. If you pay, the money may go to the "
                          "wrong person and you may not get it back."),
            "unknown": _("The name could not be checked. Make sure the IBAN is right."),
        }
        return title + [(checks[result], "bold")]
    if state == "amount":
        return title + notice + [(_("Amount in {currency}:").format(currency=currency), ""), field]
    if state == "reference":
        return title + [(_("Reference (what it is for, like: Rent May):"), ""), field]
    if state == "review":
        draft = model.draft
        return [(_("Check, then confirm"), "bold"), (_("To: {name}").format(name=draft["payee_name"]), ""),
                (grouped_iban(draft["iban"]), ""), (_("Amount: {amount}").format(amount=money(model.amount, currency)), "bold"),
                (_("Reference: {reference}").format(reference=draft["reference"] or "-"), "")]
    if state == "otp":
        return [(_("Confirm the payment"), "bold"), (_("We sent you a code by text message. Type it here:"), ""),
                (model.typed + "_", "bold")] + notice
    return []


def folder_names() -> dict[str, str]:
    return {"inbox": _("Inbox"), "sent": _("Sent"), "drafts": _("Drafts"), "junk": _("Junk")}


def flag_labels() -> dict[str, str]:
    return {
        "sender": _("The sender's address does not match the name"),
        "urgency": _("It rushes or threatens you (act now, account closed)"),
        "link": _("A link really goes somewhere else than its text says"),
        "code": _("It asks for a PIN, a password or a code"),
        "attachment": _("An attachment you did not expect"),
    }


def problem_text(problem: Problem) -> str:
    if problem.code == "address":
        return _("\"{entry}\" is not a full email address. It needs a name, @ and a domain, like name@example.eu.").format(entry=problem.detail)
    return {
        "to": _("To is empty: type the address of the person the email is for."),
        "subject": _("The subject is empty: write a few words that say what the email is about."),
        "body": _("The message is empty: write what you want to say."),
    }.get(problem.field, problem.field)


def error_text(error: FieldError, kind: str) -> str:
    if error.code == "required":
        return _("Tick this box to go on.") if kind == "checkbox" else _("This is required. Fill it in to go on.")
    if error.code == "pattern":
        return error.detail
    return {
        "number": _("Type a whole number, using digits only, like 3."),
        "low": _("The number must be {n} or more."),
        "high": _("The number must be {n} or less."),
        "date": _("Type a real date as DD/MM/YYYY, for example 03/09/1990."),
        "email": _("Type a full email address, like name@example.eu."),
        "phone": _("Type a phone number with 8 to 15 digits, like 06 1234 5678."),
        "postcode": _("Type the postcode as 4 or 5 digits, maybe with 2 letters, like 1012 AB."),
        "iban-characters": _("An IBAN has only letters and digits."),
        "iban-country": _("An IBAN starts with 2 letters for the country and 2 digits, like NL91."),
        "iban-length": _("This IBAN is too short or too long. Copy it again, every character."),
        "iban-checksum": _("This IBAN has a typing mistake: its check digits do not match. Copy it again carefully."),
        "too_long": _("Too long: at most {n} characters."),
        "option": _("Choose one of the options."),
    }.get(error.code, error.code).format(n=error.detail)


def shown_value(form_field: FormField, value: str) -> str:
    if form_field.kind == "checkbox":
        return _("ticked") if value == TICKED else _("not ticked")
    return value.strip() or _("(empty)")


def what_happened(kind: str, fee_cents: int = 0, name: str = "") -> tuple[str, str]:
    """The title and text that say what a mistake did, and what to do now (kind: login, payment, attachment)."""
    title = _("Simulation: what just happened")
    if kind == "payment":
        happened = _(
            "{amount} was taken from your card. The page was not the company's: it was the scammers' page. "
            "Now they also have your card number and security code, and they can take much more."
        ).format(amount=money(fee_cents))
        steps = [
            _("Call your bank on the number on the back of your card, and block the card."),
            _("Check your bank statement for payments you do not know, and tell the bank about them."),
            _("Report the message as a scam, then delete it."),
        ]
        safe = _("In this simulation no money was taken.")
    elif kind == "attachment":
        happened = _(
            "{name} was not what the message said. It was a harmful program, and opening it locked the files on this computer."
        ).format(name=name)
        steps = [
            _("Do not pay. Paying does not bring the files back."),
            _("Turn off the internet (Wi-Fi or cable) and tell the person who looks after the computer."),
            _("Get your files back from a back-up copy."),
            _("Report the message as phishing. From a safe device, change your passwords."),
        ]
        safe = _("In this simulation your files are safe.")
    else:
        happened = _(
            "Your card number and password went to the scammers, not to your bank. "
            "The page only looked like your bank's. With your password they can get into your account."
        )
        steps = [
            _("Change your bank password at once, in the bank's own app or site: type its address yourself."),
            _("Call your bank on the number on the back of your card, and tell them what happened."),
            _("Report the message as phishing, then delete it."),
        ]
        safe = _("In this simulation nothing was sent.")
    lines = [happened, "", _("What to do now:"), *(f"{number}. {step}" for number, step in enumerate(steps, 1)), "", safe]
    return title, "\n".join(lines)
