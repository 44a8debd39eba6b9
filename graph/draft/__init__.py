"""Drafting claims from Norwegian and Swedish text: rules that find mentions and suggest facts."""
