from course_server.app import main

main()
