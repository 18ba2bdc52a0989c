"""Measuring retrans against human text: ``retrans eval fix`` (edits vs post-edits/references)."""
