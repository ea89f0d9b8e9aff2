"""Council profiles: the TOML model and its one-line problems, logos, colours, the Authority, and writing new profiles."""
