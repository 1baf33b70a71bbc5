"""The partnership lens: time, routes and measures; comparison of twins; sign-off."""
