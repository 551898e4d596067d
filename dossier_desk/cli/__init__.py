"""Commands without a window, for administrators and support (no Qt is imported here).

* ``dossier-desk doctor [--profile NAME] [--json]`` - what works and what does not (:mod:`.doctor`);
* ``dossier-desk sync --profile NAME --once [--json]`` - one silent sync (:mod:`.sync_once`).

Exit codes (:mod:`.common`): 0 all well; 1 a problem was found; 2 wrong usage; 3 sign-in needed
(run the app once and sign in); 4 the server or the sign-in service cannot be reached; 5 the profile
does not fit the environment (unknown profile, company not found, extension missing or incompatible).
"""
