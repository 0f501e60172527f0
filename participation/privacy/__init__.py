"""Personal data: what the bot holds about a person (export), removing it (forget), and keeping each kind
only as long as needed (the daily purge). Poll answers are never touched: nothing leads from them to a
person, so only `poll_recipients` (asked, answered) is a person's data."""
