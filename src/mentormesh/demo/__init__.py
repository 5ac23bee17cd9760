"""The demo community: a deterministic, realistic community to try mentormesh with.

``generator.generate_community(seed, members)`` makes it as plain data (no database);
``load.load_demo(community)`` writes it through the actions layer. See docs/demo.md.
"""

DEFAULT_SEED = 2026
DEFAULT_MEMBERS = 300
MAX_MEMBERS = 20_000
