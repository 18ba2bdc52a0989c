from retrans.fastcli import run

run()
