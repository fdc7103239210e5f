"""Chart builders, the report's chart theme, and the renderer that makes charts work offline and in print."""
