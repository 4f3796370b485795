"""Test helpers: loopback HTTP servers replaying recorded replies, small data builders."""
