"""Performance machinery, in one place: each piece kept only with the figure that
shows it pays (bench/RAPPORT.md). Nothing outside this folder caches or tunes the GC.
"""
