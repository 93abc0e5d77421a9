"""Trajectories (a Goed Werk Traject): one group's sessions over time, how their sorts moved, and the
charts of that movement.
"""
