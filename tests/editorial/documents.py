"""Two small invented news pages for the re-import tests, and edits of them."""

WATER = """City Council Debate on Water Prices

Springfield, 3 March 2025 — At the annual conference of the Regional Water Forum in Springfield, the mayor spoke about water prices.

"We will not raise the price of water this year, whatever the council decides," said Mayor Ana Lindqvist.

Council member Peter Okafor disagreed. "The number of households in debt has doubled since the last increase," Okafor said.

"Our reserves are empty and the pipes are older than any of us," said Okafor.

"Nobody in this room wants the taps to run dry next summer," said Jon Berg, who chairs the utility board.
"""

SCHOOLS = """Schools Budget Hearing

Springfield, 5 March 2025 — At a hearing on the schools budget, the utility board chair spoke again.

"Every school roof in the district will be repaired before the winter term begins," said Jonathan Berglund.

"Parents deserve a straight answer about the bus routes and the timetable," said Maria Costa, a parent.
"""

APPENDED = '\n"We have asked the region for an emergency loan to cover the repairs," said Okafor.\n'
