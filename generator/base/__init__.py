"""Rules every stage shares: what a problem is and what fails a run (`problems`), every
size limit (`limits`), what lies inside the project and how paths read in messages
(`paths`), folders walked without following a link out (`walks`), reads and writes
on disk that cannot be fooled or left half done (`disk`, and `sealed` for the
cache's files), child processes that die with the build (`processes`), the project's
settings with their defaults (`settings`), and GitHub annotations (`annotations`).

May import: nothing from the other stages (the standard library only).
"""
