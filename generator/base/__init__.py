"""Rules every stage shares: what a problem is and what fails a run (`problems`), every
size limit (`limits`), what the build may read and how paths read in messages
(`paths`, `folders`), reads and writes that cannot be fooled or left half done
(`files`, `sealed`), child processes that die with the build (`processes`), the
project's settings with their defaults (`settings`), and GitHub annotations.

May import: nothing from the other stages (the standard library only).
"""
