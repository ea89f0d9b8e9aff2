"""The wording: layouts, their notice markup, composing a council's Notice, and the document model it fills."""
