"""Writers of learners' records for facilitators: CSV for spreadsheets, JSON for other systems. Pure over records."""
