"""`bleep serve`: the same app in a browser, behind a login and an Origin check (docs/deploy-web.md).

policy.py decides (pure, no aiohttp); server.py serves over textual-serve's parts; child.py is the
process one logged-in learner's session runs in. Nothing here is imported when the terminal app starts.
"""
