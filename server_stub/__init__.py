"""A small, real exam platform for the demo and the tests: sessions, events, exam pages, reports.

It behaves like an LMS that supports Safe Exam Browser would: exam pages need a valid
`X-SafeExamBrowser-ConfigKeyHash`, stored data is read only with an admin token and every such read
is logged, events expire after a retention period, and bad input gets a 4xx with a clear message.
At the same address it also plays Moodle's Safe Exam Browser quiz rule (moodle.py): login, quiz pages,
config.php and the key-checking web service, optionally behind a loopback identity provider (idp.py).
"""
