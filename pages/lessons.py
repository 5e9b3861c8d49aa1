"""Lessons: guided steps through the app's key pictures, each with a live view and a question to predict
before the numbers are revealed; a link reopens a lesson at its step (`lesson`, `step`)."""

from lstm_viz.ui import kit, lesson_page

ctx, s = kit.begin(("lesson", "step"))
lesson, step = lesson_page.current(s)
if lesson is None:
    lesson_page.draw_list(s)
else:
    lesson_page.draw_step(s, lesson, step)
