"""Every learner's progress, kept in a database: attempts, lessons and final-quiz sets.

``location`` finds the database, ``schema`` describes it and ``migrations`` (Alembic) builds it,
``store`` reads and writes it, ``safe`` keeps a lesson running when it cannot, ``learners``
checks the names learners give and ``export`` turns a learner's rows into CSV or JSON text.
None of it imports a UI library.
"""
