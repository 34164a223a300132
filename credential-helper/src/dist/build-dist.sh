echo dist todo
