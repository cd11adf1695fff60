"""The words of calendars (ICS) and the printable workbook (Finnish, English).

Task titles, item names, responsible parties and organisation names are workbook text, shown as written.
"""

WORDS: dict[str, tuple] = {
    # the calendar's own name
    "cal.name": ("{organisation}: käyttöönoton tehtävät", "{organisation}: deployment tasks"),
    "cal.plan_name": ("Käytön laajennus, profiili {profile}: tehtävät", "Extending use, profile {profile}: tasks"),
    # an event's title: the task as the workbook writes it, and the item(s) it is for
    "cal.task": ("{title} ({items})", "{title} ({items})"),
    "cal.deadline": ("Käyttöönottojakson {period} ilmoittautumisen määräaika",
                     "Registration deadline of deployment period {period}"),
    # an event's description, one line each
    "cal.items": (("Osatoteutus: {items}", "Osatoteutukset: {items}"),
                  ("Functionality: {items}", "Functionalities: {items}")),
    "cal.item": ("{id} – {name}", "{id} – {name}"),
    "cal.go_live": ("käyttöönotto {date}", "go-live {date}"),
    "cal.responsible": ("Vastuu: {who}", "Responsible: {who}"),
    "cal.period": ("Käyttöönottojakso: {period}", "Deployment period: {period}"),
    "cal.period_dates": ("Käyttöönottojakso: {period} ({start}–{end})", "Deployment period: {period} ({start} to {end})"),
    "cal.timing": ("Ajoitus: {timing}", "Timing: {timing}"),
    "cal.note": ("Huomautus: {note}", "Note: {note}"),
    "cal.late": ("MYÖHÄSSÄ: määräpäivä {due} on ennen päivää {today}",
                 "LATE: the due date {due} is before {today}"),
    "cal.deadline_what": ("Ilmoittautuminen käyttöönottojaksolle {period} viimeistään tänä päivänä.",
                          "Register for deployment period {period} by this day."),
    # the report
    "cal.src": ("Kalenterit", "Calendars"),
    "cal.skipped": ("{n} organisaatiota: organisaatiokohtaiset kalenterit jätettiin tekemättä (yli {limit}); "
                    "--calendars all tekee ne",
                    "{n} organisations: per-organisation calendars were skipped (more than {limit}); "
                    "--calendars all makes them"),
    "cal.opt_calendars": ("kalenteri (.ics) kullekin organisaatiolle: auto (enintään 200 organisaatiolle), "
                          "all tai none",
                          "a calendar (.ics) for each organisation: auto (up to 200 organisations), all or none"),
    "cal.opt_out": ("kalenterin tulostiedosto (--format ics; oletus: vakiotuloste)",
                    "the calendar's output file (--format ics; default: standard output)"),
}
