from retrans.cli import main

main()
