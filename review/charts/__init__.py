"""Plotly figures of the results, built from plain data; pages only display them.

Every figure is readable from the back of a room on a 1920x1080 projector: no text below
``layout.FONT`` (24 px, as rendered), every text at least 4.5:1 against what is under it (numbers
on coloured cells and bubbles take black or white, whichever contrasts more), and each view fits
``layout.PROJECTOR_HEIGHT`` so the projector never scrolls. Colours are colour-blind safe (a
single-hue sequential scale for counts, the Okabe-Ito palette for categories, with shapes or
patterns as a second cue); every figure comes in a light and a dark version. User text
(statements, role names) is HTML-escaped, because plotly renders a subset of HTML in its labels.

- :mod:`review.charts.colours`: the palette, and the contrast rules every text on colour follows.
- :mod:`review.charts.layout`: type and sizes, labels and ticks, the layout every figure ends with.
- :mod:`review.charts.condition_figures`: one condition's sorts (heatmap, extremes, agreement).
- :mod:`review.charts.comparison_figures`: conditions or roles side by side (gap, subgroups, themes).
- :mod:`review.charts.statement_figures`: chosen statements, column by column (pins, distribution).
- :mod:`review.charts.analysis_figures`: the factor analysis (the scree plot).
- :mod:`review.charts.preview`: a projector figure drawn smaller for the facilitator's preview.

Each figure is imported from its own module: the package itself exports nothing.
"""
